/**
 * «Older than 3 working days»: the moment that lies `days` working days (Monday to Friday, in
 * Kemerovo) before `now`. An application created before it has waited longer than that. Public
 * holidays are not counted out: a long holiday makes the count stricter, never silent.
 */
export function workingDaysAgo(days: number, now = new Date()): Date {
  const KEMEROVO_MS = 7 * 3600_000;
  let t = now.getTime();
  let counted = 0;
  while (counted < days) {
    t -= 24 * 3600_000;
    const weekday = new Date(t + KEMEROVO_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return new Date(t);
}

/** How many whole days someone has waited since `since`. */
export function daysSince(since: string | Date, now = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / (24 * 3600_000)));
}

/** The no-ghosting promise: an answer within 3 working days. */
export const ANSWER_WITHIN_WORKING_DAYS = 3;
