/** Labels of opportunity fields, shared by forms, pages, search facets and emails. */
export const KIND_LABELS = {
  internship: 'Стажировка',
  practice: 'Практика',
  stipend: 'Именная стипендия',
  target_agreement: 'Целевое обучение',
  vacancy: 'Вакансия для выпускника',
} as const;
export type OpportunityKind = keyof typeof KIND_LABELS;
export const OPPORTUNITY_KINDS = Object.keys(KIND_LABELS) as OpportunityKind[];

export const SCHEDULE_LABELS = {
  full_day: 'Полный день',
  shift: 'Сменный график',
  flexible: 'Гибкий график',
  remote: 'Удалённо',
  part_time: 'Неполный день',
} as const;
export type Schedule = keyof typeof SCHEDULE_LABELS;

export const EMPLOYMENT_LABELS = {
  full: 'Полная занятость',
  part: 'Частичная занятость',
  project: 'Проектная работа',
  temporary: 'Временная работа',
} as const;

export const EXPERIENCE_LABELS = {
  none: 'Без опыта',
  up_to_1: 'До 1 года',
  '1_to_3': 'От 1 до 3 лет',
  '3_plus': 'Более 3 лет',
} as const;

export const PRACTICE_TYPE_LABELS = {
  educational: 'Учебная практика',
  industrial: 'Производственная практика',
  pre_diploma: 'Преддипломная практика',
} as const;

export const STATUS_LABELS = {
  draft: 'Черновик',
  moderation: 'На модерации',
  published: 'Опубликована',
  rejected: 'Отклонена',
  closed: 'Закрыта',
  expired: 'Срок истёк',
} as const;

/**
 * Whether the employer may delete the posting: a draft, or a posting rejected by moderation that was
 * never public. The database function delete_opportunity() decides; pages only offer the action.
 */
/** Whether a posting can be taken down: it is in search, or waits for moderation to get there. */
export function isClosable(o: { status: keyof typeof STATUS_LABELS }): boolean {
  return o.status === 'published' || o.status === 'moderation';
}

/** Whether a posting can be seen as a preview: it is not (or no longer) what everyone sees. */
export function isPreviewable(o: { status: keyof typeof STATUS_LABELS }): boolean {
  return o.status !== 'published';
}

export function isDeletable(o: { status: keyof typeof STATUS_LABELS; ever_published: boolean }): boolean {
  return o.status === 'draft' || (o.status === 'rejected' && !o.ever_published);
}
