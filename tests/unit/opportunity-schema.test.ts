import { describe, expect, it } from 'vitest';
import { kemerovoToday, parseOpportunityForm } from '../../src/lib/schemas/opportunity.ts';

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

const practice = {
  kind: 'practice',
  title: 'Производственная практика в цехе КИПиА',
  practiceType: 'industrial',
  programmeCodes: ['18.03.01', '', '15.03.04', '18.03.01'],
  universityIds: ['D6824F2D-C990-422C-93B0-45FA8C1098D3'],
  yearsOfStudy: ['3', '4'],
  seats: '5',
  startsOn: '2031-06-01',
  endsOn: '2031-07-15',
  districtCode: 'leninsky',
};

describe('parseOpportunityForm', () => {
  it('reads several values of list fields, drops blanks and repeats', () => {
    const result = parseOpportunityForm(form(practice));
    expect(result.ok).toBe(true);
    if (!result.ok || result.data.kind !== 'practice') return;
    expect(result.data.programmeCodes).toEqual(['18.03.01', '15.03.04']);
    expect(result.data.universityIds).toEqual(['d6824f2d-c990-422c-93b0-45fa8c1098d3']);
    expect(result.data.yearsOfStudy).toEqual([3, 4]);
    expect(result.data.seats).toBe(5);
  });

  it('names each field in Russian and reports every problem at once', () => {
    const result = parseOpportunityForm(
      form({ ...practice, title: 'Абв', programmeCodes: [''], applyBy: '2020-01-01', endsOn: '2031-05-01' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toBe('Название — не короче 5 символов');
    expect(result.errors.programmeCodes).toMatch(/^Направления подготовки: укажите хотя бы одно/);
    expect(result.errors.applyBy).toBe('Приём заявок до: дата уже прошла');
    expect(result.errors.endsOn).toBe('Дата окончания не может быть раньше даты начала практики');
    expect(result.lists.programmeCodes).toEqual(['']);
  });

  it('checks the pay range of a vacancy, money typed with spaces', () => {
    const base = { kind: 'vacancy', title: 'Инженер-технолог', employmentType: 'full', isRemote: 'on' };
    const bad = parseOpportunityForm(form({ ...base, payFrom: '90 000', payTo: '50000' }));
    expect(!bad.ok && bad.errors.payTo).toBe('Зарплата до не может быть меньше, чем «зарплата от»');
    const good = parseOpportunityForm(form({ ...base, payFrom: '50 000', payTo: '90000' }));
    expect(good.ok && good.data.kind === 'vacancy' && [good.data.payFrom, good.data.payTo]).toEqual([
      50000, 90000,
    ]);
  });

  it('asks for a district or remote work, and accepts today as the apply-by date', () => {
    const result = parseOpportunityForm(
      form({ kind: 'internship', title: 'Стажировка в ИТ-отделе', applyBy: kemerovoToday() }),
    );
    expect(!result.ok && result.errors).toEqual({
      districtCode: 'Район: укажите район Кемерова или отметьте «Можно удалённо»',
    });
  });

  it('refuses an unknown kind and a target agreement without a programme', () => {
    const unknown = parseOpportunityForm(form({ kind: 'job', title: 'Что-то интересное' }));
    expect(!unknown.ok && unknown.errors.kind).toBe('Выберите вид публикации');
    const target = parseOpportunityForm(
      form({ kind: 'target_agreement', title: 'Целевое обучение', workYearsAfter: '11', isRemote: 'on' }),
    );
    expect(!target.ok && target.errors).toMatchObject({
      programmeCode: 'Направление подготовки: укажите код ОКСО, например 18.03.01',
      workYearsAfter: 'Срок отработки после выпуска — число лет от 1 до 10',
    });
  });
});
