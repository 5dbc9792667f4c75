/**
 * The university confirms its students' claims (issue 8 item 0) through PostgREST with each
 * person's JWT: only staff of the student's own university decide, every change is kept in the
 * history, deciding the same twice writes nothing new, a changed claim goes back to «claimed», and
 * student_is_confirmed says what the indicators count.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

let staffA: TestMember;
let staffB: TestMember;
let student: TestPerson;
let other: TestPerson;

const status = async (id: string) =>
  (
    await testDb().query<{ enrolment_status: string }>(
      'select enrolment_status from public.profiles where id = $1',
      [id],
    )
  ).rows[0].enrolment_status;
const confirmed = async (id: string) =>
  (await testDb().query<{ ok: boolean }>('select app_private.student_is_confirmed($1) as ok', [id])).rows[0]
    .ok;
const history = async (id: string) =>
  (
    await testDb().query<{ from_status: string | null; to_status: string; source: string }>(
      'select from_status, to_status, source from public.student_enrolment_events where profile_id = $1 order by id',
      [id],
    )
  ).rows;

beforeAll(async () => {
  const admin = await createAdministrator();
  const a = await createUniversity(admin);
  const b = await createUniversity(admin);
  staffA = await createUniversityStaff(admin, a);
  staffB = await createUniversityStaff(admin, b);
  student = await createStudent({ universityId: a, programmeCode: '18.03.01', yearOfStudy: 3 });
  other = await createStudent({ universityId: a });
}, 60_000);

afterAll(closeFactories);

test('a new student is claimed, not confirmed, and shown so to their university', async () => {
  expect(await status(student.id)).toBe('claimed');
  expect(await confirmed(student.id)).toBe(false);
  const { data } = await staffA.client
    .from('profiles')
    .select('enrolment_status')
    .eq('id', student.id)
    .single();
  expect(data?.enrolment_status).toBe('claimed');
});

test('only staff of the student’s university decide; the student and others cannot', async () => {
  const byOther = await staffB.client.rpc('set_student_enrolment', {
    p_profile_ids: [student.id],
    p_status: 'confirmed',
  });
  expect(byOther.data).toEqual([
    { profile_id: student.id, changed: false, message: 'студент не найден среди студентов вашего вуза' },
  ]);
  const bySelf = await student.client.rpc('set_student_enrolment', {
    p_profile_ids: [student.id],
    p_status: 'confirmed',
  });
  expect(bySelf.data?.[0].changed).toBe(false);
  const employer = await createEmployer();
  const byEmployer = await employer.client.rpc('set_student_enrolment', {
    p_profile_ids: [student.id],
    p_status: 'confirmed',
  });
  expect(byEmployer.data?.[0].changed).toBe(false);
  // the student cannot write the state themself either: the column is not granted
  const direct = await student.client
    .from('profiles')
    .update({ enrolment_status: 'confirmed' } as never)
    .eq('id', student.id);
  expect(direct.error).not.toBeNull();
  expect(await status(student.id)).toBe('claimed');
  const claimOnly = await staffA.client.rpc('set_student_enrolment', {
    p_profile_ids: [student.id],
    p_status: 'claimed',
  });
  expect(claimOnly.error?.hint).toBe('status');
  expect(await history(student.id)).toEqual([]);
});

test('in bulk, once: the same decision again writes nothing new', async () => {
  const first = await staffA.client.rpc('set_student_enrolment', {
    p_profile_ids: [student.id, other.id],
    p_status: 'confirmed',
  });
  expect(first.data?.map((r) => r.changed)).toEqual([true, true]);
  const again = await staffA.client.rpc('set_student_enrolment', {
    p_profile_ids: [student.id, other.id],
    p_status: 'confirmed',
  });
  expect(again.data?.map((r) => r.changed)).toEqual([false, false]);
  expect(await confirmed(student.id)).toBe(true);
  expect(await history(student.id)).toEqual([
    { from_status: 'claimed', to_status: 'confirmed', source: 'queue' },
  ]);
});

test('a changed claim goes back to unconfirmed; a profile edit of other fields does not', async () => {
  await student.client.from('profiles').update({ phone: '+7 900 000-00-00' }).eq('id', student.id);
  expect(await status(student.id)).toBe('confirmed');
  const { error } = await student.client.from('profiles').update({ year_of_study: 4 }).eq('id', student.id);
  expect(error).toBeNull();
  expect(await status(student.id)).toBe('claimed');
  expect(await confirmed(student.id)).toBe(false);
  expect((await history(student.id)).at(-1)).toEqual({
    from_status: 'confirmed',
    to_status: 'claimed',
    source: 'claim',
  });
});

test('leaving and graduating are recorded the same way, and the student sees their history', async () => {
  await staffA.client.rpc('set_student_enrolment', {
    p_profile_ids: [other.id],
    p_status: 'left',
    p_note: 'Отчислен',
  });
  expect(await status(other.id)).toBe('left');
  expect(await confirmed(other.id)).toBe(false);
  const own = await other.client.from('student_enrolment_events').select('to_status').order('id');
  expect(own.data?.map((r) => r.to_status)).toEqual(['confirmed', 'left']);
  const foreign = await staffB.client
    .from('student_enrolment_events')
    .select('id')
    .eq('profile_id', other.id);
  expect(foreign.data).toEqual([]);
  const stranger = await student.client
    .from('student_enrolment_events')
    .select('id')
    .eq('profile_id', other.id);
  expect(stranger.data).toEqual([]);
});
