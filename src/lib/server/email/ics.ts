/**
 * A minimal iCalendar (RFC 5545) writer for the one event the portal sends: an interview
 * invitation (RFC 5546 iTIP, METHOD:REQUEST, or METHOD:CANCEL when it is called off). A calendar
 * app matches a later letter to the same event by UID and keeps the one with the highest
 * SEQUENCE, so a reschedule moves the event instead of adding a second one.
 */

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  /** Stable per interview (per application): e.g. `application-<id>@kemerovo-profi`. */
  uid: string;
  /** 0 for the first invitation, +1 for every change (reschedule, cancellation). */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  start: Date;
  /** Defaults to 60. */
  durationMinutes?: number;
  /** When this version of the event was made (the move's time, so a retried letter is identical). */
  stamp: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer: IcsPerson;
  attendee?: IcsPerson;
}

const CRLF = '\r\n';

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A UTC date-time in the basic format: 20261205T033000Z. */
export function formatUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Некорректная дата события календаря');
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): CRLF followed by one space, never inside a
 * UTF-8 character. The continuation lines carry the space, so each holds at most 74 octets of text.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (currentBytes + size > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
      limit = 74;
    }
    current += char;
    currentBytes += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** A parameter value (CN=…): quoted, without the characters a quoted value cannot hold. */
function paramValue(value: string): string {
  return `"${value.replace(/["\r\n]/g, ' ').trim()}"`;
}

/** A URI value: no escaping (it is not TEXT), but it must stay on one logical line. */
function uriValue(value: string): string {
  if (/[\s"]/.test(value)) throw new Error('Некорректная ссылка для календаря');
  return value;
}

function person(property: 'ORGANIZER' | 'ATTENDEE', who: IcsPerson, extra = ''): string {
  if (/[\s<>"]/.test(who.email) || !who.email.includes('@')) {
    throw new Error(`Некорректный адрес для календаря: ${who.email}`);
  }
  return `${property};CN=${paramValue(who.name)}${extra}:mailto:${who.email}`;
}

/** The whole VCALENDAR with one VEVENT, CRLF line ends, folded lines. */
export function buildIcs(event: IcsEvent): string {
  if (!/^[A-Za-z0-9@._-]+$/.test(event.uid)) throw new Error('Некорректный UID события календаря');
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new Error('SEQUENCE события календаря — целое число от 0');
  }
  const end = new Date(event.start.getTime() + (event.durationMinutes ?? 60) * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//KemerovoPROFI//Applications//RU',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${uriValue(event.url)}`);
  lines.push(person('ORGANIZER', event.organizer));
  if (event.attendee) {
    lines.push(person('ATTENDEE', event.attendee, ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE'));
  }
  lines.push(
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** Unfolds and splits an iCalendar text into its logical lines (for tests and readers). */
export function unfoldIcs(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}
