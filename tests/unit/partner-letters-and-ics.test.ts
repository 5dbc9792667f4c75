import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from '../../src/lib/server/events/ics.ts';
import { renderMessage, type EmailMessage } from '../../src/lib/server/email/templates.ts';

const url = 'https://kemerovo-profi.example/employer/contracts';
const contract = { kind: 'practice' as const, number: '12/П', partnerName: 'КемГУ <b>', url };

describe('letters of contracts and events (templates-partners.ts through renderMessage)', () => {
  it('renders every partner letter in Russian, escaped in HTML, with its link', () => {
    const messages: EmailMessage[] = [
      { template: 'contract_proposed', data: contract },
      { template: 'contract_confirmed', data: contract },
      { template: 'contract_declined', data: { ...contract, reason: 'Неверная дата' } },
      { template: 'contract_registered', data: contract },
      { template: 'contract_terminated', data: { ...contract, reason: 'Реорганизация' } },
      { template: 'contract_expiring', data: { ...contract, validTo: '2027-01-31', days: 30 } },
      {
        template: 'event_reminder',
        data: {
          title: 'День работодателя',
          startsAt: '2026-12-05T03:00:00Z',
          place: 'ул. Весенняя, 5',
          onlineUrl: null,
          url,
          icsUrl: `${url}/event.ics`,
          headcount: 25,
        },
      },
      {
        template: 'event_cancelled',
        data: { title: 'Ярмарка', startsAt: '2026-12-05T03:00:00Z', reason: 'Карантин', url },
      },
      {
        template: 'event_place_freed',
        data: { title: 'Мастер-класс', startsAt: '2026-12-05T03:00:00Z', url },
      },
    ];
    for (const message of messages) {
      const { subject, text, html } = renderMessage(message);
      expect(subject, message.template).toMatch(/ — КемероVоПРОФИ$/);
      expect(text).toMatch(/^Здравствуйте/);
      expect(text).toContain(url);
      expect(html).not.toContain('<b>');
    }
    expect(renderMessage(messages[5]).text).toContain('действует до 31 января 2027');
    expect(renderMessage(messages[6]).text).toContain('5 декабря 2026'); // 10:00 in Kemerovo
    expect(renderMessage(messages[6]).text).toContain('10:00');
    expect(renderMessage(messages[6]).text).toContain('25 чел.');
  });
});

describe('iCalendar writer', () => {
  it('escapes text values and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const line = `SUMMARY:${'День работодателя '.repeat(10)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((p, i) => (i ? p.slice(1) : p))
        .join(''),
    ).toBe(line);
  });

  it('writes a VCALENDAR with UTC times and CRLF line ends', () => {
    const ics = writeCalendar([
      {
        uid: 'event-1@example',
        title: 'Экскурсия, цех №1',
        startsAt: '2026-12-05T03:00:00Z',
        endsAt: '2026-12-05T05:30:00Z',
        location: 'Кемерово',
        stamp: '2026-12-01T00:00:00Z',
      },
    ]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('\r\nDTSTART:20261205T030000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261205T053000Z\r\n');
    expect(ics).toContain('\r\nSUMMARY:Экскурсия\\, цех №1\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
