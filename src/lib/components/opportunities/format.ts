/** Dates as Kemerovo people read them, wherever the page is rendered. */
const KEMEROVO = 'Asia/Novokuznetsk';

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  return date.toLocaleDateString('ru-RU', {
    timeZone: KEMEROVO,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

export const STATUS_BADGE: Record<string, string> = {
  draft: '',
  moderation: 'warn',
  published: 'ok',
  rejected: 'danger',
  closed: '',
  expired: 'warn',
};
