/** Names of events' kinds, audiences and states, as people read them. */
export const EVENT_KINDS = [
  'employer_day',
  'excursion',
  'school_meeting',
  'job_fair',
  'master_class',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  employer_day: 'День работодателя',
  excursion: 'Экскурсия на предприятие',
  school_meeting: 'Встреча со школьниками 11 классов',
  job_fair: 'Ярмарка вакансий',
  master_class: 'Мастер-класс',
};

export const EVENT_AUDIENCES = ['students', 'pupils', 'everyone'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export const EVENT_AUDIENCE_LABELS: Record<EventAudience, string> = {
  students: 'Студенты и выпускники',
  pupils: 'Школьники',
  everyone: 'Все',
};

export type EventStatus = 'planned' | 'held' | 'cancelled';
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  planned: 'Запланировано',
  held: 'Проведено',
  cancelled: 'Отменено',
};

const dateTime = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Novokuznetsk',
});

/** «5 декабря 2026 г., 10:00» in Kemerovo time. */
export function formatEventTime(value: string | Date): string {
  return dateTime.format(new Date(value));
}

/** A timestamp as the value of <input type="datetime-local"> in Kemerovo time. */
export function toKemerovoLocal(value: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Novokuznetsk',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(value));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** «2026-12-05T10:00» typed in Kemerovo (UTC+7, no daylight saving) → an ISO instant. */
export function fromKemerovoLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+07:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
