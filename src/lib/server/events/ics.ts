/**
 * A small iCalendar (RFC 5545) writer for events: VEVENTs in UTC, text escaped (§3.3.11), lines
 * folded at 75 octets without splitting a UTF-8 character (§3.1), CRLF line ends.
 */

export interface CalendarEvent {
  uid: string;
  title: string;
  description?: string;
  startsAt: Date | string;
  endsAt: Date | string;
  location?: string | null;
  url?: string | null;
  status?: 'CONFIRMED' | 'CANCELLED';
  /** When this version was made (DTSTAMP). */
  stamp?: Date | string;
}

/** TEXT value escaping: backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** 20261205T093000Z */
export function formatUtc(value: Date | string): string {
  return new Date(value)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Folds one content line into lines of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function vevent(e: CalendarEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${formatUtc(e.stamp ?? new Date())}`,
    `DTSTART:${formatUtc(e.startsAt)}`,
    `DTEND:${formatUtc(e.endsAt)}`,
    `SUMMARY:${escapeText(e.title)}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push(`STATUS:${e.status ?? 'CONFIRMED'}`, 'END:VEVENT');
  return lines;
}

/** A whole VCALENDAR with the given events. */
export function writeCalendar(events: CalendarEvent[], name = 'КемероVоПРОФИ: мероприятия'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//KemeroVoPROFI//Events//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Asia/Novokuznetsk',
    ...events.flatMap(vevent),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
