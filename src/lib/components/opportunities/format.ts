/** Dates as Kemerovo people read them, wherever the page is rendered. */
const KEMEROVO = 'Asia/Novokuznetsk';

// one formatter for every date: toLocaleDateString with options builds a new one on each call,
// which was the single most expensive function of the search page's rendering
const dateFormat = new Intl.DateTimeFormat('ru-RU', {
  timeZone: KEMEROVO,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  return dateFormat.format(date);
}

export const STATUS_BADGE: Record<string, string> = {
  draft: '',
  moderation: 'warn',
  published: 'ok',
  rejected: 'danger',
  closed: '',
  expired: 'warn',
};
