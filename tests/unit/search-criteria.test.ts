import { describe, expect, it } from 'vitest';
import { parseSearchParams } from '../../src/lib/schemas/search.ts';
import { describeSearch, type CriteriaLabels } from '../../src/lib/search-criteria.ts';

const labels: CriteriaLabels = {
  district: [{ value: 'tsentralny', label: 'Центральный район' }],
  industry: [{ value: 'C', label: 'C — Обрабатывающие производства' }],
  field: [{ value: '09.00.00', label: '09.00.00 Информатика и вычислительная техника' }],
  university: [
    {
      value: '7c1f3f7e-4a9e-4c43-9a43-6b3a0f1f0d11',
      label: 'КемГУ — Кемеровский государственный университет',
    },
  ],
};
const describe_ = (query: string) => describeSearch(parseSearchParams(new URLSearchParams(query)), labels);

describe('describeSearch', () => {
  it('says every criterion of a saved search in words', () => {
    expect(
      describe_(
        'q=программист&kind=internship&kind=vacancy&remote=1&district=tsentralny&paid=1&pay_min=30000' +
          '&year=3&year=4&schedule=flexible&field=09.00.00&university=7c1f3f7e-4a9e-4c43-9a43-6b3a0f1f0d11' +
          '&industry=C&deadline=2026-12-20&sort=newest',
      ),
    ).toEqual([
      { name: 'Запрос', value: '«программист»' },
      { name: 'Вид', value: 'Стажировка, Вакансия для выпускника' },
      { name: 'Где', value: 'удалённо, Центральный район' },
      { name: 'Оплата', value: 'только оплачиваемые, от 30\u00a0000 ₽ в месяц' },
      { name: 'Курс', value: '3, 4' },
      { name: 'График', value: 'Гибкий график' },
      { name: 'Направление подготовки', value: '09.00.00 Информатика и вычислительная техника' },
      { name: 'Для студентов вуза', value: 'КемГУ — Кемеровский государственный университет' },
      { name: 'Отрасль', value: 'C — Обрабатывающие производства' },
      { name: 'Принимают заявки', value: 'до 20 декабря 2026 г. или дольше' },
      { name: 'Сортировка', value: 'сначала новые' },
    ]);
  });

  it('has nothing to say about an empty search, and leaves out choices that no longer exist', () => {
    expect(describe_('')).toEqual([]);
    expect(describe_('district=kedrovka&q=химия&exact=1')).toEqual([
      { name: 'Запрос', value: '«химия» (как написано)' },
    ]);
  });
});
