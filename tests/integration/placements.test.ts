/**
 * Practice placements through PostgREST with each party's own JWT: every move for the role that may
 * make it and refused for the others and for wrong states, the read boundary of each party, the
 * supervisor's one-time link (single use, expiry, revocation), the university's group creation
 * with its bad input, and the letters queued for each move. A direct connection only looks behind
 * the API (rows, letters) and ages a link.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { notifyPlacementEvent } from '../../src/lib/server/jobs/tasks/notify-placement-event.ts';
import { startDuePlacements } from '../../src/lib/server/jobs/tasks/start-due-placements.ts';
import { db } from '../../src/lib/server/db.ts';
import { anonClient, type Supabase } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';
import { day, placementFromOffer, placementRow, practicePosting } from '../factories/placements.ts';

let admin: TestMember;
let staffA: TestMember;
let staffB: TestMember;
let employer: TestEmployer;
let otherEmployer: TestEmployer;
let pendingEmployer: TestEmployer;
let student: TestPerson;
let classmate: TestPerson;
let studentB: TestPerson;
let posting: string;

const call = (who: { client: Supabase }, fn: string, args: Record<string, unknown>) =>
  who.client.rpc(fn as never, args as never) as unknown as Promise<{
    data: unknown;
    error: { message: string; code: string; hint: string } | null;
  }>;

async function confirmStudents(staff: TestMember, ...people: TestPerson[]) {
  const { error } = await call(staff, 'set_student_enrolment', {
    p_profile_ids: people.map((p) => p.id),
    p_status: 'confirmed',
  });
  expect(error).toBeNull();
}

const confirmArgs = (id: string) => ({ p_id: id, p_order_number: '123-с', p_order_date: day(-1) });
const acceptArgs = (id: string) => ({
  p_id: id,
  p_supervisor_name: 'Петров Пётр Петрович',
  p_supervisor_position: 'Главный инженер',
  p_supervisor_email: `supervisor-${id}@example.test`,
});

/** The events of a placement's moves, newest last, and the letters their jobs record. */
async function lettersOfLastEvent(placementId: string) {
  const { rows } = await testDb().query<{ id: string }>(
    `select id from public.outcome_events where record_type = 'practice_placement' and record_id = $1
      order by id desc limit 1`,
    [placementId],
  );
  const seen = new Set(
    (await testDb().query<{ id: string }>('select id from app_private.outbound_emails')).rows.map(
      (r) => r.id,
    ),
  );
  await notifyPlacementEvent(db(), { event_id: rows[0].id });
  const { rows: all } = await testDb().query<{
    id: string;
    to_address: string;
    subject: string;
    text_body: string;
  }>('select id, to_address, subject, text_body from app_private.outbound_emails order by created_at');
  const letters = all.filter((l) => !seen.has(l.id));
  return letters;
}

async function walkToInProgress(id: string): Promise<string> {
  expect((await call(staffA, 'confirm_placement', confirmArgs(id))).error).toBeNull();
  expect((await call(employer, 'accept_placement', acceptArgs(id))).error).toBeNull();
  expect(await startDuePlacements(db())).toBeGreaterThanOrEqual(1);
  expect((await placementRow(id)).status).toBe('in_progress');
  const letters = await lettersOfLastEvent(id);
  const letter = letters.find((l) => l.to_address === `supervisor-${id}@example.test`);
  expect(letter?.subject).toMatch(/^Характеристика практиканта/);
  const token = /\/practice-supervisor\/([0-9a-f]{48})/.exec(letter!.text_body)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

beforeAll(async () => {
  admin = await createAdministrator();
  const universityA = await createUniversity(admin);
  const universityB = await createUniversity(admin);
  staffA = await createUniversityStaff(admin, universityA);
  staffB = await createUniversityStaff(admin, universityB);
  employer = await createEmployer();
  otherEmployer = await createEmployer();
  pendingEmployer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
  await verifyEmployer(admin, otherEmployer.organizationId);
  student = await createStudent({ universityId: universityA });
  classmate = await createStudent({ universityId: universityA });
  studentB = await createStudent({ universityId: universityB });
  posting = await practicePosting(employer);
}, 60_000);

afterAll(closeFactories);

describe('the workflow from an accepted practice offer to closed', () => {
  let id: string;
  let token: string;

  test('accepting the offer creates a placement awaiting the university, and the university hears of it', async () => {
    id = await placementFromOffer(student, employer, { posting });
    expect((await placementRow(id)).status).toBe('awaiting_university');
    const letters = await lettersOfLastEvent(id);
    expect(letters.map((l) => l.to_address)).toEqual([staffA.email]);
    expect(letters[0].subject).toMatch(/^Практика ждёт подтверждения вуза/);
    expect(letters[0].text_body).toContain(`/university/practices/${id}`);
  });

  test('only the student’s university confirms, only for a confirmed student, only with a valid order', async () => {
    for (const who of [employer, student, staffB, otherEmployer]) {
      const { error } = await call(who, 'confirm_placement', confirmArgs(id));
      expect(error?.code).toBe('42501');
    }
    const unconfirmed = await call(staffA, 'confirm_placement', confirmArgs(id));
    expect(unconfirmed.error?.message).toMatch(/подтвердите, что студент учится/);
    await confirmStudents(staffA, student, classmate);
    const future = await call(staffA, 'confirm_placement', { ...confirmArgs(id), p_order_date: day(3) });
    expect(future.error?.hint).toBe('order_date');
    const noNumber = await call(staffA, 'confirm_placement', { ...confirmArgs(id), p_order_number: ' ' });
    expect(noNumber.error?.hint).toBe('order_number');
    expect((await placementRow(id)).status).toBe('awaiting_university');

    // the employer cannot accept before the university confirms
    expect((await call(employer, 'accept_placement', acceptArgs(id))).error?.hint).toBe('status');

    expect((await call(staffA, 'confirm_placement', confirmArgs(id))).error).toBeNull();
    expect((await placementRow(id)).order_number).toBe('123-с');
    const letters = await lettersOfLastEvent(id);
    expect(letters.map((l) => l.to_address).sort()).toEqual([employer.email, student.email].sort());
    // a second confirmation is a wrong state
    expect((await call(staffA, 'confirm_placement', confirmArgs(id))).error?.hint).toBe('status');
  });

  test('only the employer accepts, naming a supervisor with a valid address', async () => {
    for (const who of [staffA, student, otherEmployer]) {
      expect((await call(who, 'accept_placement', acceptArgs(id))).error?.code).toBe('42501');
    }
    const bad = await call(employer, 'accept_placement', {
      ...acceptArgs(id),
      p_supervisor_email: 'не-адрес',
    });
    expect(bad.error?.hint).toBe('supervisor_email');
    expect(bad.error?.message).toMatch(/адрес электронной почты руководителя/);
    expect((await placementRow(id)).status).toBe('confirmed');
    expect((await call(employer, 'accept_placement', acceptArgs(id))).error).toBeNull();
    const letters = await lettersOfLastEvent(id);
    expect(letters.map((l) => l.to_address).sort()).toEqual([staffA.email, student.email].sort());
  });

  test('the start date puts it in progress once, and the supervisor gets the one-time link', async () => {
    // nobody may complete or close before it runs
    expect((await call(staffA, 'close_placement', { p_id: id, p_grade: 5 })).error?.hint).toBe('status');
    expect(await startDuePlacements(db())).toBeGreaterThanOrEqual(1);
    expect((await placementRow(id)).status).toBe('in_progress');
    expect(await startDuePlacements(db())).toBe(0);
    const { rows } = await testDb().query(
      `select count(*)::int as n from public.outcome_events where record_id = $1 and to_status = 'in_progress'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
    const letters = await lettersOfLastEvent(id);
    const link = letters.find((l) => l.to_address === `supervisor-${id}@example.test`)!;
    token = /\/practice-supervisor\/([0-9a-f]{48})/.exec(link.text_body)![1];
    // only the hash is stored
    const stored = await testDb().query(
      'select 1 from public.placement_supervisor_links where token_hash = $1',
      [token],
    );
    expect(stored.rowCount).toBe(0);
  });

  test('the link shows exactly one placement, without an account', async () => {
    const { data, error } = await anonClient().rpc('placement_by_supervisor_token', { p_token: token });
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    expect(data![0]).toMatchObject({ link_state: 'valid', placement_id: id, student_name: student.fullName });
    const wrong = await anonClient().rpc('placement_by_supervisor_token', { p_token: 'f'.repeat(48) });
    expect(wrong.data).toEqual([]);
  });

  test('the supervisor completes it once: bad input changes nothing, a used link is refused', async () => {
    const short = await anonClient().rpc('complete_placement_by_token', {
      p_token: token,
      p_characteristic: 'Хорошо.',
      p_grade: 5,
    });
    expect(short.error?.hint).toBe('characteristic');
    const badGrade = await anonClient().rpc('complete_placement_by_token', {
      p_token: token,
      p_characteristic: 'Ответственный, аккуратный, быстро осваивает оборудование.',
      p_grade: 7,
    });
    expect(badGrade.error?.hint).toBe('grade');
    expect((await placementRow(id)).status).toBe('in_progress');

    const done = await anonClient().rpc('complete_placement_by_token', {
      p_token: token,
      p_characteristic: 'Ответственный, аккуратный, быстро осваивает оборудование.',
      p_grade: 5,
    });
    expect(done.error).toBeNull();
    expect(await placementRow(id)).toMatchObject({ status: 'completed', employer_grade: 5 });

    const again = await anonClient().rpc('complete_placement_by_token', {
      p_token: token,
      p_characteristic: 'Другая характеристика, написанная второй раз по той же ссылке.',
      p_grade: 3,
    });
    expect(again.error?.message).toMatch(/ссылка недействительна/);
    expect(await placementRow(id)).toMatchObject({ employer_grade: 5 });
    const shown = await anonClient().rpc('placement_by_supervisor_token', { p_token: token });
    expect(shown.data![0].link_state).toBe('used');
    const letters = await lettersOfLastEvent(id);
    expect(letters.map((l) => l.to_address)).toEqual([staffA.email]);
  });

  test('only the university closes it, with its grade; then nobody cancels it', async () => {
    for (const who of [employer, student, staffB]) {
      expect((await call(who, 'close_placement', { p_id: id, p_grade: 5 })).error?.code).toBe('42501');
    }
    expect((await call(staffA, 'close_placement', { p_id: id, p_grade: 6 })).error?.hint).toBe('grade');
    expect((await call(staffA, 'close_placement', { p_id: id, p_grade: 4 })).error).toBeNull();
    expect(await placementRow(id)).toMatchObject({ status: 'closed', university_grade: 4 });
    for (const who of [staffA, employer, admin]) {
      expect((await call(who, 'cancel_placement', { p_id: id, p_reason: 'Передумали' })).error?.hint).toBe(
        'status',
      );
    }
  });

  test('RLS: each party reads it, nobody else does', async () => {
    const seen = async (client: Supabase) =>
      (await client.from('practice_placements').select('id').eq('id', id)).data?.length ?? 0;
    expect(await seen(anonClient())).toBe(0);
    expect(await seen(student.client)).toBe(1);
    expect(await seen(classmate.client)).toBe(0);
    expect(await seen(employer.client)).toBe(1);
    expect(await seen(otherEmployer.client)).toBe(0);
    expect(await seen(staffA.client)).toBe(1);
    expect(await seen(staffB.client)).toBe(0);
    expect(await seen(admin.client)).toBe(1);
    const links = async (client: Supabase) =>
      (await client.from('placement_supervisor_links').select('id, used_at').eq('placement_id', id)).data
        ?.length ?? 0;
    expect(await links(employer.client)).toBe(1);
    expect(await links(otherEmployer.client)).toBe(0);
    expect(await links(staffB.client)).toBe(0);
    const hash = await employer.client.from('placement_supervisor_links').select('token_hash');
    expect(hash.error).not.toBeNull();
    const events = await staffB.client.from('outcome_events').select('id').eq('record_id', id);
    expect(events.data).toEqual([]);
  });
});

describe('the supervisor link', () => {
  test('revoked or expired: refused, nothing changed; a new link works once', async () => {
    const id = await placementFromOffer(classmate, employer, { posting });
    const first = await walkToInProgress(id);
    expect((await call(otherEmployer, 'revoke_supervisor_link', { p_id: id })).error?.code).toBe('42501');
    const revoked = await call(employer, 'revoke_supervisor_link', { p_id: id });
    expect(revoked).toMatchObject({ error: null, data: 1 });
    const refused = await anonClient().rpc('complete_placement_by_token', {
      p_token: first,
      p_characteristic: 'Характеристика по отозванной ссылке — не должна сохраниться.',
      p_grade: 4,
    });
    expect(refused.error?.hint).toBe('token');
    expect((await placementRow(id)).status).toBe('in_progress');
    expect(
      (await anonClient().rpc('placement_by_supervisor_token', { p_token: first })).data![0].link_state,
    ).toBe('revoked');

    expect((await call(staffA, 'resend_supervisor_link', { p_id: id })).error).toBeNull();
    await notifyPlacementEvent(db(), { placement_id: id, supervisor_link: true });
    const { rows } = await testDb().query<{ text_body: string }>(
      `select text_body from app_private.outbound_emails where to_address = $1 order by created_at desc limit 1`,
      [`supervisor-${id}@example.test`],
    );
    const second = /\/practice-supervisor\/([0-9a-f]{48})/.exec(rows[0].text_body)![1];
    expect(second).not.toBe(first);
    await testDb().query(
      `update public.placement_supervisor_links set expires_at = now() - interval '1 minute'
        where placement_id = $1 and used_at is null and revoked_at is null`,
      [id],
    );
    const expired = await anonClient().rpc('complete_placement_by_token', {
      p_token: second,
      p_characteristic: 'Характеристика по просроченной ссылке — не должна сохраниться.',
      p_grade: 4,
    });
    expect(expired.error?.hint).toBe('token');
    expect(
      (await anonClient().rpc('placement_by_supervisor_token', { p_token: second })).data![0].link_state,
    ).toBe('expired');
    expect(await placementRow(id)).toMatchObject({ status: 'in_progress', characteristic: null });
  });
});

describe('cancelling', () => {
  test('a party cancels with a reason before closed; the student and strangers cannot', async () => {
    const id = await placementFromOffer(classmate, employer, { startsOn: day(40), endsOn: day(60) });
    for (const who of [classmate, otherEmployer, staffB]) {
      expect((await call(who, 'cancel_placement', { p_id: id, p_reason: 'Не сможем' })).error?.code).toBe(
        '42501',
      );
    }
    expect((await call(employer, 'cancel_placement', { p_id: id, p_reason: ' ' })).error?.hint).toBe(
      'reason',
    );
    expect((await placementRow(id)).status).toBe('awaiting_university');
    expect(
      (await call(employer, 'cancel_placement', { p_id: id, p_reason: 'Цех закрыт на ремонт' })).error,
    ).toBeNull();
    expect(await placementRow(id)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'Цех закрыт на ремонт',
    });
    const letters = await lettersOfLastEvent(id);
    expect(letters.map((l) => l.to_address).sort()).toEqual([classmate.email, staffA.email].sort());
  });
});

describe('the university creates placements for a group', () => {
  const args = (over: Record<string, unknown> = {}) => ({
    p_student_ids: [student.id, classmate.id],
    p_organization_id: otherEmployer.organizationId,
    p_starts_on: day(30),
    p_ends_on: day(58),
    p_practice_type: 'educational',
    p_university_supervisor: 'доц. Иванова И. И.',
    ...over,
  });
  const count = async () =>
    (
      await testDb().query<{ n: number }>(
        'select count(*)::int as n from public.practice_placements where organization_id = $1',
        [otherEmployer.organizationId],
      )
    ).rows[0].n;

  test('bad input is refused in Russian and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ p_ends_on: day(10) }, 'ends_on', /окончания практики не может быть раньше/],
      [{ p_student_ids: [student.id, studentB.id] }, 'student_ids', /не найден среди студентов вашего вуза/],
      [
        { p_organization_id: pendingEmployer.organizationId },
        'organization_id',
        /не найден среди проверенных/,
      ],
      [{ p_practice_type: 'летняя' }, 'practice_type', /вид практики/],
      [{ p_student_ids: [] }, 'student_ids', /хотя бы одного/],
    ];
    for (const [over, hint, message] of cases) {
      const { error } = await call(staffA, 'create_placements', args(over));
      expect(error?.hint).toBe(hint);
      expect(error?.message).toMatch(message);
    }
    expect((await call(employer, 'create_placements', args())).error?.code).toBe('42501');
    expect(await count()).toBe(0);
  });

  test('a group is created once: the same group again creates nothing new', async () => {
    const first = await call(
      staffA,
      'create_placements',
      args({ p_order_number: '77-п', p_order_date: day(0) }),
    );
    expect(first.error).toBeNull();
    expect((first.data as Array<{ created: boolean }>).map((r) => r.created)).toEqual([true, true]);
    const again = await call(
      staffA,
      'create_placements',
      args({ p_order_number: '77-п', p_order_date: day(0) }),
    );
    expect((again.data as Array<{ created: boolean }>).map((r) => r.created)).toEqual([false, false]);
    expect(await count()).toBe(2);
    const { rows } = await testDb().query<{ status: string }>(
      'select status from public.practice_placements where organization_id = $1',
      [otherEmployer.organizationId],
    );
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
  });
});
