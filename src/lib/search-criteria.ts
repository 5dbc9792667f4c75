import { formatDate } from './components/opportunities/format.ts';
import { KIND_LABELS, SCHEDULE_LABELS } from './opportunities.ts';
import type { SearchParams } from './schemas/search.ts';

interface Option {
  value: string;
  label: string;
}

/** Names of the choices that live in the database (districts, industries, УГСН, universities). */
export interface CriteriaLabels {
  district: Option[];
  industry: Option[];
  field: Option[];
  university: Option[];
}

export interface Criterion {
  name: string;
  value: string;
}

const SORT_WORDS: Record<SearchParams['sort'], string | null> = {
  relevance: null,
  newest: 'сначала новые',
  deadline: 'по сроку подачи',
  pay: 'по оплате',
};

const rub = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/**
 * A search in words, one line per criterion («Вид: Стажировка, Практика», «Где: удалённо,
 * Центральный район», «Оплата: от 30 000 ₽ в месяц»…), for the list of saved searches. A value no
 * longer in the reference data (a removed university) is left out rather than shown as an id.
 */
export function describeSearch(p: SearchParams, labels: CriteriaLabels): Criterion[] {
  const names = (options: Option[], values: string[]) =>
    values.flatMap((v) => options.find((o) => o.value === v)?.label ?? []);
  const rows: [string, string[]][] = [
    ['Запрос', p.q ? [`«${p.q}»${p.exact ? ' (как написано)' : ''}`] : []],
    ['Вид', p.kind.map((k) => KIND_LABELS[k as keyof typeof KIND_LABELS] ?? k)],
    ['Где', [...(p.remote ? ['удалённо'] : []), ...names(labels.district, p.district)]],
    [
      'Оплата',
      [
        ...(p.paid ? ['только оплачиваемые'] : []),
        ...(p.payMin != null ? [`от ${rub.format(p.payMin)} ₽ в месяц`] : []),
      ],
    ],
    ['Курс', p.year.map(String)],
    ['График', p.schedule.map((s) => SCHEDULE_LABELS[s as keyof typeof SCHEDULE_LABELS] ?? s)],
    ['Направление подготовки', names(labels.field, p.field)],
    ['Для студентов вуза', names(labels.university, p.university)],
    ['Отрасль', names(labels.industry, p.industry)],
    ['Принимают заявки', p.deadlineFrom ? [`до ${formatDate(p.deadlineFrom)} или дольше`] : []],
    ['Сортировка', SORT_WORDS[p.sort] ? [SORT_WORDS[p.sort] as string] : []],
  ];
  return rows
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => ({ name, value: values.join(', ') }));
}
