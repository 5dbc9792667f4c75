/** Names of placement states, practice types and grades, in Russian (pages and print views). */

export type PlacementStatus =
  | 'awaiting_university'
  | 'confirmed'
  | 'accepted_by_employer'
  | 'in_progress'
  | 'completed'
  | 'closed'
  | 'cancelled';

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  awaiting_university: 'ждёт подтверждения вуза',
  confirmed: 'подтверждена вузом, ждёт работодателя',
  accepted_by_employer: 'принята работодателем',
  in_progress: 'идёт',
  completed: 'характеристика получена, ждёт оценки вуза',
  closed: 'закрыта',
  cancelled: 'отменена',
};

export const PLACEMENT_STATUS_TONE: Record<PlacementStatus, '' | 'ok' | 'warn' | 'danger'> = {
  awaiting_university: 'warn',
  confirmed: 'warn',
  accepted_by_employer: '',
  in_progress: '',
  completed: 'warn',
  closed: 'ok',
  cancelled: 'danger',
};

export const PRACTICE_TYPE_LABELS: Record<string, string> = {
  educational: 'учебная',
  industrial: 'производственная',
  pre_diploma: 'преддипломная',
};

export const GRADE_OPTIONS = [
  { value: '5', label: '5 — отлично' },
  { value: '4', label: '4 — хорошо' },
  { value: '3', label: '3 — удовлетворительно' },
  { value: '2', label: '2 — неудовлетворительно' },
];

export const gradeLabel = (grade: number | null | undefined) =>
  grade ? (GRADE_OPTIONS.find((g) => g.value === String(grade))?.label ?? String(grade)) : '—';

/** «2026-06-15» → «15.06.2026» */
export const ruDate = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 10).split('-').reverse().join('.') : '—';

export interface PlacementView {
  id: string;
  status: PlacementStatus;
  student_id: string | null;
  student_name: string | null;
  university_id: string;
  organization_id: string;
  programme_code: string | null;
  practice_type: string | null;
  starts_on: string;
  ends_on: string;
  university_supervisor: string | null;
  employer_supervisor_name: string | null;
  employer_supervisor_position: string | null;
  employer_supervisor_email: string | null;
  order_number: string | null;
  order_date: string | null;
  employer_grade: number | null;
  university_grade: number | null;
  characteristic: string | null;
  cancel_reason: string | null;
  source: string;
  created_at: string;
  university: { name: string } | null;
  employer: { name: string } | null;
  programme: { name: string } | null;
}

export interface PlacementEvent {
  id: number;
  at: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

/** What a party's page says after each move. */
export const DONE_MESSAGES: Record<string, string> = {
  confirm: 'Практика подтверждена приказом. Работодатель получил письмо.',
  accept: 'Студент принят на практику. В день начала руководитель получит ссылку для характеристики.',
  close: 'Практика закрыта с оценкой вуза.',
  cancel: 'Практика отменена.',
  resend_link: 'Новая ссылка отправлена руководителю практики; прежняя больше не действует.',
  revoke_link: 'Ссылка руководителя отозвана.',
};
