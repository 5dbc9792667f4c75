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

// Formatting itself costs ~30 µs a call (20 cards on a search page): calendar dates («2026-12-05»)
// repeat from page to page, so their words are kept (a few hundred distinct dates at most).
const formattedDays = new Map<string, string>();
const MAX_KEPT_DAYS = 2000;

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    let words = formattedDays.get(value);
    if (words === undefined) {
      words = dateFormat.format(new Date(`${value}T12:00:00Z`));
      if (formattedDays.size >= MAX_KEPT_DAYS) formattedDays.clear();
      formattedDays.set(value, words);
    }
    return words;
  }
  return dateFormat.format(new Date(value));
}

export const STATUS_BADGE: Record<string, string> = {
  draft: '',
  moderation: 'warn',
  published: 'ok',
  rejected: 'danger',
  closed: '',
  expired: 'warn',
};
