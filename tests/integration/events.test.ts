/**
 * Events through PostgREST with each person's own JWT: who may create, cancel and record attendance
 * in which state, registration with a waitlist and promotion when a place is freed, school groups
 * without accounts, what everyone may read (teachers' contacts only the organizer), the indicator,
 * and the reminder the day before through a real worker and SMTP server — once, even when the cron
 * runs twice. A direct superuser connection only moves time (an event that has started).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyEventChangeTask } from '../../src/lib/server/jobs/tasks/notify-event-change.ts';
import { remindEventParticipantsTask } from '../../src/lib/server/jobs/tasks/remind-event-participants.ts';
import { anonClient, type Supabase } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  uniqueEmail,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';
import { startTestWorker, waitUntil, type TestWorker } from '../factories/worker.ts';

let admin: TestMember;
let employer: TestEmployer;
let otherEmployer: TestEmployer;
let pendingEmployer: TestEmployer;
let university: TestMember;
let otherUniversity: TestMember;
let students: TestPerson[];
let worker: TestWorker;

const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

function eventArgs(organizationId: string, over: Record<string, unknown> = {}) {
  return {
    p_organization_id: organizationId,
    p_kind: 'employer_day' as const,
    p_title: 'День работодателя на «Азоте»',
    p_description: 'Экскурсия по цехам и встреча с наставниками.',
    p_starts_at: hours(72),
    p_ends_at: hours(75),
    p_place: 'г. Кемерово, ул. Грузовая, 1',
    p_online_url: '',
    p_audience: 'everyone' as const,
    p_capacity: 10,
    ...over,
  };
}

async function createEvent(by: TestPerson & { organizationId: string }, over: Record<string, unknown> = {}) {
  const { data, error } = await by.client.rpc('create_event', eventArgs(by.organizationId, over));
  if (error) throw new Error(`мероприятие не создано: ${error.message}`);
  return data;
}

async function registrationStatuses(eventId: string): Promise<Record<string, string>> {
  const { rows } = await testDb().query<{ person_id: string; status: string }>(
    'select person_id, status from public.event_registrations where event_id = $1',
    [eventId],
  );
  return Object.fromEntries(rows.map((r) => [r.person_id, r.status]));
}

async function eventStatus(id: string) {
  const { rows } = await testDb().query<{ status: string }>(
    'select status from public.events where id = $1',
    [id],
  );
  return rows[0].status;
}

beforeAll(async () => {
  admin = await createAdministrator();
  const [uni, otherUni] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
  [university, otherUniversity, employer, otherEmployer, pendingEmployer] = await Promise.all([
    createUniversityStaff(admin, uni),
    createUniversityStaff(admin, otherUni),
    createEmployer(),
    createEmployer(),
    createEmployer(),
  ]);
  students = await Promise.all([0, 1, 2, 3].map(() => createStudent({ universityId: uni })));
  await verifyEmployer(admin, employer.organizationId);
  await verifyEmployer(admin, otherEmployer.organizationId);
  worker = await startTestWorker({
    notify_event_change: notifyEventChangeTask,
    remind_event_participants: remindEventParticipantsTask,
  });
});

afterAll(async () => {
  await worker?.stop();
  await closeFactories();
});

describe('creating', () => {
  it('a verified employer, a university and the administration create events; others may not', async () => {
    expect(await createEvent(employer)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await createEvent(university, { p_kind: 'school_meeting', p_audience: 'pupils' })).toBeTruthy();
    expect(await createEvent(admin, { p_kind: 'job_fair' })).toBeTruthy();
    const pending = await pendingEmployer.client.rpc(
      'create_event',
      eventArgs(pendingEmployer.organizationId),
    );
    expect(pending.error?.code).toBe('42501');
    const foreign = await otherEmployer.client.rpc('create_event', eventArgs(employer.organizationId));
    expect(foreign.error?.code).toBe('42501');
    const student = await students[0].client.rpc('create_event', eventArgs(employer.organizationId));
    expect(student.error?.code).toBe('42501');
  });

  it('refuses bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ p_starts_at: hours(-1) }, 'starts_at'],
      [{ p_ends_at: hours(71) }, 'ends_at'],
      [{ p_place: '', p_online_url: '' }, 'place'],
      [{ p_place: '', p_online_url: 'ftp://x' }, 'online_url'],
      [{ p_capacity: 0 }, 'capacity'],
      [{ p_title: 'ab' }, 'title'],
    ];
    for (const [over, hint] of cases) {
      const { error } = await employer.client.rpc('create_event', eventArgs(employer.organizationId, over));
      expect(error?.hint, JSON.stringify(over)).toBe(hint);
    }
  });
});

describe('registration', () => {
  it('fills the places, then the waitlist; a freed place promotes the first waiting, who gets a letter', async () => {
    const id = await createEvent(employer, { p_capacity: 2, p_audience: 'students' });
    const [a, b, c, d] = students;
    expect((await a.client.rpc('register_for_event', { p_event_id: id })).data).toBe('registered');
    expect((await b.client.rpc('register_for_event', { p_event_id: id })).data).toBe('registered');
    expect((await c.client.rpc('register_for_event', { p_event_id: id })).data).toBe('waitlisted');
    expect((await d.client.rpc('register_for_event', { p_event_id: id })).data).toBe('waitlisted');
    // asking again changes nothing
    expect((await a.client.rpc('register_for_event', { p_event_id: id })).data).toBe('registered');
    const places = await anonClient().rpc('event_places', { p_event_id: id }).single();
    expect(places.data).toMatchObject({ capacity: 2, taken: 2, places_left: 0, waitlisted: 2 });

    expect((await a.client.rpc('cancel_event_registration', { p_event_id: id })).error).toBeNull();
    expect(await registrationStatuses(id)).toEqual({
      [a.id]: 'cancelled',
      [b.id]: 'registered',
      [c.id]: 'registered',
      [d.id]: 'waitlisted',
    });
    const letter = await waitUntil('письмо о месте', async () =>
      worker.lettersTo(c.email).find((m) => m.subject.startsWith('Освободилось место')),
    );
    expect(letter.text).toContain(`/events/${id}`);
    expect(worker.lettersTo(d.email)).toHaveLength(0);

    // staff cannot register as students; a pupils-only event takes no students
    expect((await employer.client.rpc('register_for_event', { p_event_id: id })).error?.code).toBe('42501');
    const pupilsOnly = await createEvent(university, { p_audience: 'pupils' });
    expect((await b.client.rpc('register_for_event', { p_event_id: pupilsOnly })).error?.code).toBe('22023');
  });

  it('a school group takes its headcount of places; too many, a students-only event, or the same teacher twice are refused', async () => {
    const id = await createEvent(university, {
      p_capacity: 30,
      p_kind: 'school_meeting',
      p_audience: 'pupils',
    });
    const group = (over: Record<string, unknown> = {}) =>
      anonClient().rpc('register_school_group', {
        p_event_id: id,
        p_teacher_name: 'Иванова Мария Петровна',
        p_school_name: 'МБОУ «СОШ № 41»',
        p_email: uniqueEmail('teacher'),
        p_headcount: 25,
        ...over,
      });
    const email = uniqueEmail('teacher');
    expect((await group({ p_email: email })).error).toBeNull();
    expect((await group({ p_email: email, p_headcount: 1 })).error?.hint).toBe('email');
    const tooMany = await group({ p_headcount: 6 });
    expect(tooMany.error?.hint).toBe('headcount');
    expect(tooMany.error?.message).toBe('свободных мест: 5');
    expect((await group({ p_email: 'не-адрес' })).error?.hint).toBe('email');
    const studentsOnly = await createEvent(employer, { p_audience: 'students' });
    expect((await group({ p_event_id: studentsOnly })).error?.code).toBe('22023');
  });
});

describe('who reads what', () => {
  let planned: string;
  let cancelled: string;
  let ownReg: string;

  beforeAll(async () => {
    planned = await createEvent(university, { p_audience: 'everyone' });
    cancelled = await createEvent(university);
    await university.client.rpc('cancel_event', { p_id: cancelled, p_reason: 'Карантин' });
    await students[0].client.rpc('register_for_event', { p_event_id: planned });
    await students[1].client.rpc('register_for_event', { p_event_id: planned });
    const { rows } = await testDb().query<{ id: string }>(
      'select id from public.event_registrations where event_id = $1 and person_id = $2',
      [planned, students[0].id],
    );
    ownReg = rows[0].id;
    await anonClient().rpc('register_school_group', {
      p_event_id: planned,
      p_teacher_name: 'Петров Олег Иванович',
      p_school_name: 'Гимназия № 1',
      p_email: uniqueEmail('teacher'),
      p_headcount: 3,
    });
  });

  const count = async (client: Supabase, table: string, column: string, value: string) => {
    const { data, error } = await client
      .from(table as 'events')
      .select('id')
      .eq(column as 'id', value);
    if (error) return error.code === '42501' ? 0 : Promise.reject(new Error(error.message));
    return data.length;
  };

  it('events, registrations, school groups and history per person', async () => {
    const matrix: [string, Supabase, [number, number, number, number, number]][] = [
      // planned event, cancelled event, registrations, school groups, history
      ['anon', anonClient(), [1, 0, 0, 0, 0]],
      ['student (registered)', students[0].client, [1, 0, 1, 0, 0]],
      ['another student', students[2].client, [1, 0, 0, 0, 0]],
      ['employer (not the organizer)', employer.client, [1, 0, 0, 0, 0]],
      ['other employer', otherEmployer.client, [1, 0, 0, 0, 0]],
      ['university (organizer)', university.client, [1, 1, 2, 1, 1]],
      ['other university', otherUniversity.client, [1, 0, 0, 0, 0]],
      ['admin', admin.client, [1, 1, 2, 1, 1]],
    ];
    for (const [who, client, expected] of matrix) {
      const got = [
        await count(client, 'events', 'id', planned),
        await count(client, 'events', 'id', cancelled),
        await count(client, 'event_registrations', 'event_id', planned),
        await count(client, 'event_school_groups', 'event_id', planned),
        await count(client, 'event_history', 'event_id', planned),
      ];
      expect(got, who).toEqual(expected);
    }
    // the registered student sees exactly their own row
    const { data } = await students[0].client
      .from('event_registrations')
      .select('id')
      .eq('event_id', planned);
    expect(data?.map((r) => r.id)).toEqual([ownReg]);
  });
});

describe('cancelling and attendance', () => {
  it('only the organizer (or the administration) cancels a planned event, with a reason; everyone registered is told', async () => {
    const id = await createEvent(employer);
    await students[3].client.rpc('register_for_event', { p_event_id: id });
    const teacher = uniqueEmail('teacher');
    await anonClient().rpc('register_school_group', {
      p_event_id: id,
      p_teacher_name: 'Сидорова Анна',
      p_school_name: 'Лицей № 62',
      p_email: teacher,
      p_headcount: 2,
    });
    for (const wrong of [otherEmployer, university, students[3]]) {
      expect(
        (await wrong.client.rpc('cancel_event', { p_id: id, p_reason: 'нет' })).error?.code,
        wrong.email,
      ).toBe('42501');
    }
    expect((await employer.client.rpc('cancel_event', { p_id: id, p_reason: ' ' })).error?.hint).toBe(
      'reason',
    );
    expect(
      (await employer.client.rpc('cancel_event', { p_id: id, p_reason: 'Авария на площадке' })).error,
    ).toBeNull();
    expect(await eventStatus(id)).toBe('cancelled');
    expect((await employer.client.rpc('cancel_event', { p_id: id, p_reason: 'ещё' })).error?.code).toBe(
      '22023',
    );
    for (const to of [students[3].email, teacher]) {
      const letter = await waitUntil(`письмо об отмене ${to}`, async () =>
        worker.lettersTo(to).find((m) => m.subject.includes('отменено')),
      );
      expect(letter.text).toContain('Авария на площадке');
    }
  });

  it('attendance after the start makes the event held and counted; not before, not twice, not by others', async () => {
    const id = await createEvent(employer, { p_kind: 'excursion', p_capacity: 5 });
    const [a, b] = students;
    await a.client.rpc('register_for_event', { p_event_id: id });
    await b.client.rpc('register_for_event', { p_event_id: id });
    await anonClient().rpc('register_school_group', {
      p_event_id: id,
      p_teacher_name: 'Кузнецова Ольга',
      p_school_name: 'СОШ № 7',
      p_email: uniqueEmail('teacher'),
      p_headcount: 3,
    });
    const { rows: regs } = await testDb().query<{ id: string; person_id: string }>(
      'select id, person_id from public.event_registrations where event_id = $1',
      [id],
    );
    const regOf = (p: TestPerson) => regs.find((r) => r.person_id === p.id)!.id;
    const { rows: groups } = await testDb().query<{ id: string }>(
      'select id from public.event_school_groups where event_id = $1',
      [id],
    );
    const attendance = { p_id: id, p_attended: [regOf(a)], p_group_counts: { [groups[0].id]: 2 } };

    expect((await employer.client.rpc('record_event_attendance', attendance)).error?.hint).toBe('status');
    // the event has started (time moved behind the API)
    await testDb().query(
      `update public.events set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = $1`,
      [id],
    );
    for (const wrong of [otherEmployer, university, a]) {
      expect((await wrong.client.rpc('record_event_attendance', attendance)).error?.code, wrong.email).toBe(
        '42501',
      );
    }
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Novokuznetsk', year: 'numeric' }).format(new Date()),
    );
    const excursions = async () =>
      (await anonClient().rpc('event_indicators', { p_year: year })).data!.find(
        (r) => r.kind === 'excursion',
      )!;
    const before = await excursions();

    expect((await employer.client.rpc('record_event_attendance', attendance)).error).toBeNull();
    expect(await eventStatus(id)).toBe('held');
    const { rows } = await testDb().query<{ person_id: string; attended: boolean }>(
      'select person_id, attended from public.event_registrations where event_id = $1',
      [id],
    );
    expect(Object.fromEntries(rows.map((r) => [r.person_id, r.attended]))).toEqual({
      [a.id]: true,
      [b.id]: false,
    });
    expect((await employer.client.rpc('record_event_attendance', attendance)).error?.code).toBe('22023');
    const after = await excursions();
    expect(after.events_held).toBe(before.events_held + 1);
    expect(after.students_attended).toBe(before.students_attended + 1);
    expect(after.pupils_attended).toBe(before.pupils_attended + 2);

    // held events stay public; a held event with nobody present does not count
    expect(await count(anonClient(), id)).toBe(1);
    const empty = await createEvent(employer, { p_kind: 'excursion' });
    await testDb().query(
      `update public.events set starts_at = now() - interval '2 hours', ends_at = now() where id = $1`,
      [empty],
    );
    expect(
      (await employer.client.rpc('record_event_attendance', { p_id: empty, p_attended: [] })).error,
    ).toBeNull();
    expect((await excursions()).events_held).toBe(after.events_held);
  });

  async function count(client: Supabase, id: string) {
    const { data } = await client.from('events').select('id').eq('id', id);
    return data?.length ?? 0;
  }
});

describe('reminder the day before (cron task remind_event_participants)', () => {
  it('reaches every registered student and school group once, even when the task runs twice', async () => {
    const soon = await createEvent(university, {
      p_starts_at: hours(12),
      p_ends_at: hours(14),
      p_kind: 'master_class',
    });
    const later = await createEvent(university, { p_starts_at: hours(60), p_ends_at: hours(62) });
    const teacher = uniqueEmail('teacher');
    for (const id of [soon, later]) {
      await students[2].client.rpc('register_for_event', { p_event_id: id });
    }
    await anonClient().rpc('register_school_group', {
      p_event_id: soon,
      p_teacher_name: 'Орлова Вера Николаевна',
      p_school_name: 'СОШ № 92',
      p_email: teacher,
      p_headcount: 4,
    });
    await worker.run('remind_event_participants');
    await worker.run('remind_event_participants');
    await worker.drain([students[2].email, teacher]);
    const reminders = (to: string) => worker.lettersTo(to).filter((m) => m.subject.startsWith('Завтра'));
    await waitUntil(
      'напоминания',
      async () => reminders(students[2].email).length > 0 && reminders(teacher).length > 0,
    );
    expect(reminders(students[2].email)).toHaveLength(1);
    expect(reminders(students[2].email)[0].text).toContain(`/events/${soon}/event.ics`);
    expect(reminders(teacher)).toHaveLength(1);
    expect(reminders(teacher)[0].text).toContain('4 чел.');
  });
});
