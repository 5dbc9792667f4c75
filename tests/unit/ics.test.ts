import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, formatUtc, unfoldIcs } from '../../src/lib/server/email/ics.ts';

const base = {
  uid: 'application-0b6f1c2e-1111-4222-8333-944455556666@kemerovo-profi',
  sequence: 0,
  method: 'REQUEST' as const,
  start: new Date('2026-12-07T03:30:00Z'),
  stamp: new Date('2026-12-01T10:00:00.123Z'),
  summary: 'Собеседование: Инженер-программист, ООО «Кузбасс-Телеком»',
  description: 'Возьмите паспорт;\nпропуск закажем, спросите на проходной',
  location: 'г. Кемерово, пр. Советский, д. 1, каб. 5',
  url: 'https://kemerovo-profi.example/student/applications/0b6f1c2e',
  organizer: { name: 'ООО «Кузбасс-Телеком»', email: 'no-reply@kemerovo-profi.example' },
  attendee: { name: 'Анна Иванова', email: 'anna@example.ru' },
};

describe('ics', () => {
  it('escapes backslashes, semicolons, commas and line breaks in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('writes UTC times in the basic format', () => {
    expect(formatUtc(new Date('2026-12-07T03:30:00.500Z'))).toBe('20261207T033000Z');
    expect(() => formatUtc(new Date('nope'))).toThrow();
  });

  it('folds at 75 octets without splitting a Cyrillic letter', () => {
    const line = 'SUMMARY:' + 'Ж'.repeat(100);
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, part] of physical.entries()) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    // Unfolding gives the line back exactly (no broken UTF-8).
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('builds one VEVENT of an hour with METHOD:REQUEST and the details', () => {
    const text = buildIcs(base);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    for (const physical of text.split('\r\n')) {
      expect(new TextEncoder().encode(physical).length).toBeLessThanOrEqual(75);
    }
    const lines = unfoldIcs(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain(`UID:${base.uid}`);
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain('DTSTAMP:20261201T100000Z');
    expect(lines).toContain('DTSTART:20261207T033000Z');
    expect(lines).toContain('DTEND:20261207T043000Z');
    expect(lines).toContain('SUMMARY:Собеседование: Инженер-программист\\, ООО «Кузбасс-Телеком»');
    expect(lines).toContain('DESCRIPTION:Возьмите паспорт\\;\\nпропуск закажем\\, спросите на проходной');
    expect(lines).toContain('LOCATION:г. Кемерово\\, пр. Советский\\, д. 1\\, каб. 5');
    expect(lines).toContain(`URL:${base.url}`);
    expect(lines).toContain('ORGANIZER;CN="ООО «Кузбасс-Телеком»":mailto:no-reply@kemerovo-profi.example');
    expect(lines).toContain(
      'ATTENDEE;CN="Анна Иванова";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:anna@example.ru',
    );
    expect(lines).toContain('STATUS:CONFIRMED');
  });

  it('a reschedule keeps the UID with a higher SEQUENCE; a cancellation says CANCEL', () => {
    const moved = unfoldIcs(buildIcs({ ...base, sequence: 1, start: new Date('2026-12-08T04:00:00Z') }));
    expect(moved).toContain(`UID:${base.uid}`);
    expect(moved).toContain('SEQUENCE:1');
    expect(moved).toContain('DTSTART:20261208T040000Z');
    const cancelled = unfoldIcs(buildIcs({ ...base, sequence: 2, method: 'CANCEL' }));
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:2');
  });

  it('keeps quotes and line breaks out of parameters and refuses unsafe values', () => {
    const lines = unfoldIcs(buildIcs({ ...base, organizer: { name: 'ООО "Рога"\r\nX', email: 'a@b.ru' } }));
    expect(lines).toContain('ORGANIZER;CN="ООО  Рога   X":mailto:a@b.ru');
    expect(() => buildIcs({ ...base, uid: 'bad uid\r\nX' })).toThrow();
    expect(() => buildIcs({ ...base, url: 'https://x.ru/a b' })).toThrow();
    expect(() => buildIcs({ ...base, attendee: { name: 'x', email: 'a@b.ru\r\nX' } })).toThrow();
    expect(() => buildIcs({ ...base, sequence: -1 })).toThrow();
  });
});
