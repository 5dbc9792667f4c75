import { describe, expect, test } from 'vitest';
import {
  hireSchema,
  interviewSchema,
  isoToKemerovoLocal,
  kemerovoLocalToIso,
  offerSchema,
  parsePipelineQuery,
  pipelineQuery,
} from '../../src/lib/schemas/pipeline.ts';
import { workingDaysAgo } from '../../src/lib/server/applications/employer/working-days.ts';

describe('Kemerovo time in the interview form', () => {
  test('a datetime-local value is Kemerovo time (UTC+7), whatever the server zone', () => {
    expect(kemerovoLocalToIso('2026-12-10T14:30')).toBe('2026-12-10T07:30:00.000Z');
    expect(kemerovoLocalToIso('2026-12-10T03:00')).toBe('2026-12-09T20:00:00.000Z');
    expect(isoToKemerovoLocal('2026-12-09T20:00:00.000Z')).toBe('2026-12-10T03:00');
    expect(kemerovoLocalToIso('2026-02-30T10:00')).toBeNull();
    expect(kemerovoLocalToIso('завтра')).toBeNull();
  });

  test('the interview needs a time and a place or a link, with Russian messages', () => {
    const empty = interviewSchema.safeParse({ interviewAt: '', interviewPlace: '', interviewLink: '' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['interviewAt', 'Укажите дату и время собеседования'],
    ]);
    const noPlace = interviewSchema.safeParse({ interviewAt: '2030-01-10T10:00' });
    expect(noPlace.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['interviewPlace', 'Укажите место или ссылку на встречу'],
    ]);
    expect(
      interviewSchema.parse({ interviewAt: '2030-01-10T10:00', interviewLink: 'https://meet.example/x' }),
    ).toEqual({
      interviewAt: '2030-01-10T03:00:00.000Z',
      interviewPlace: null,
      interviewLink: 'https://meet.example/x',
      note: null,
    });
  });
});

describe('offer and hire forms', () => {
  test("an offer's terms use the database's keys for each kind", () => {
    expect(
      offerSchema('stipend').parse({
        amountPerMonth: '15 000',
        months: '10',
        startDate: '2030-09-01',
        answerBy: '2030-08-01',
      }).terms,
    ).toEqual({ start_date: '2030-09-01', amount_per_month: 15000, months: 10 });
    const target = offerSchema('target_agreement').safeParse({
      workYears: '2',
      startDate: '2030-09-01',
      answerBy: '2030-08-01',
    });
    expect(target.error?.issues[0]).toMatchObject({
      path: ['workYears'],
      message: 'Срок отработки — от 3 до 10 лет',
    });
    const vacancy = offerSchema('vacancy').safeParse({ startDate: '2030-09-01', answerBy: '' });
    expect(vacancy.error?.issues.map((i) => i.path[0]).sort()).toEqual(['answerBy', 'position']);
  });

  test('a hire needs the document number', () => {
    const r = hireSchema.safeParse({
      startDate: '2030-09-01',
      position: 'Инженер',
      documentKind: 'order',
      documentNumber: ' ',
      documentDate: '2030-08-20',
    });
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['documentNumber', 'Укажите номер документа'],
    ]);
  });
});

describe('the list query', () => {
  test('nonsense in the URL is dropped, not an error; the query round-trips', () => {
    const { filters, ignored } = parsePipelineQuery(
      new URLSearchParams('state=hired&year=9&programme=13.03.02&sort=weird&page=0&q=Иван'),
    );
    expect(ignored.sort()).toEqual(['page', 'sort', 'year']);
    expect(filters).toMatchObject({
      state: 'hired',
      year: null,
      programme: '13.03.02',
      sort: 'newest',
      page: 1,
      q: 'Иван',
    });
    expect(pipelineQuery(filters)).toBe('state=hired&programme=13.03.02&q=%D0%98%D0%B2%D0%B0%D0%BD');
  });

  test('3 working days skip the weekend (Kemerovo calendar)', () => {
    // Wednesday 10:00 in Kemerovo → the Friday before, 10:00
    expect(workingDaysAgo(3, new Date('2026-12-09T03:00:00Z')).toISOString()).toBe(
      '2026-12-04T03:00:00.000Z',
    );
    // Monday 10:00 → the Wednesday before
    expect(workingDaysAgo(3, new Date('2026-12-07T03:00:00Z')).toISOString()).toBe(
      '2026-12-02T03:00:00.000Z',
    );
  });
});
