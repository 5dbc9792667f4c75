/**
 * Demo partnership contract and events for `npm start` (issue 8 items 2 and 5), through the same
 * database functions the pages call, each with the person's own JWT: the demo employer proposes a
 * contract that the demo career centre (КемГУ) confirms; the employer plans a Day of the employer
 * ahead (the demo student and a school group registered), and the career centre's job fair already
 * held, with its attendance recorded. Only the fair's date is moved into the past directly, since
 * nothing can plan an event in the past.
 */
import { anonClient, userClient } from '../../src/lib/server/supabase.ts';
import { db } from '../../src/lib/server/db.ts';

type Log = (scope: string, message: string) => void;

export interface DemoPartnersInput {
  log: Log;
  /** The demo employer's organization and its representative. */
  employerId: string;
  hr: { id: string; email: string };
  /** The demo university (КемГУ) and its career-centre officer. */
  universityId: string;
  staff: { id: string; email: string };
  student: { id: string; email: string };
}

const DAY = 24 * 3600 * 1000;

/** A Kemerovo calendar date `offset` days from now, as YYYY-MM-DD. */
function kemerovoDate(offset: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Novokuznetsk' }).format(
    new Date(Date.now() + offset * DAY),
  );
}

/** `offset` days from now at hh:mm Kemerovo time (UTC+7), as an ISO instant. */
function kemerovoAt(offset: number, hh: number, mm = 0): string {
  return new Date(
    `${kemerovoDate(offset)}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+07:00`,
  ).toISOString();
}

function check<T>(what: string, result: { data: T | null; error: { message: string } | null }): T {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  return result.data as T;
}

export async function seedDemoPartners({
  log,
  employerId,
  hr,
  universityId,
  staff,
  student,
}: DemoPartnersInput) {
  const [hrClient, staffClient, studentClient] = await Promise.all([
    userClient({ sub: hr.id, email: hr.email }),
    userClient({ sub: staff.id, email: staff.email }),
    userClient({ sub: student.id, email: student.email }),
  ]);

  const contractId = check(
    'propose_contract',
    await hrClient.rpc('propose_contract', {
      p_employer_id: employerId,
      p_university_id: universityId,
      p_kind: 'practice',
      p_number: '45/ПП',
      p_signed_on: kemerovoDate(-200),
      p_valid_from: kemerovoDate(-200),
      p_valid_to: kemerovoDate(900),
      p_programme_codes: ['18.03.01', '09.03.03', '38.03.01'],
      p_places_per_year: 25,
      p_premises_address: 'г. Кемерово, ул. Грузовая, 1, корпус 3',
    }),
  );
  check('confirm_contract', await staffClient.rpc('confirm_contract', { p_id: contractId }));

  const upcoming = check(
    'create_event',
    await hrClient.rpc('create_event', {
      p_organization_id: employerId,
      p_kind: 'employer_day',
      p_title: 'День работодателя: карьера на химическом производстве',
      p_description:
        'Расскажем о стажировках и практике, покажем лаборатории и познакомим с наставниками. Для студентов и старшеклассников.',
      p_starts_at: kemerovoAt(10, 11),
      p_ends_at: kemerovoAt(10, 14),
      p_place: 'г. Кемерово, ул. Грузовая, 1, актовый зал',
      p_online_url: '',
      p_audience: 'everyone',
      p_capacity: 60,
    }),
  );
  check('register_for_event', await studentClient.rpc('register_for_event', { p_event_id: upcoming }));
  check(
    'register_school_group',
    await anonClient().rpc('register_school_group', {
      p_event_id: upcoming,
      p_teacher_name: 'Никитина Светлана Юрьевна',
      p_school_name: 'МБОУ «СОШ № 41» г. Кемерово',
      p_email: 'teacher41@demo.kemerovo-profi.ru',
      p_headcount: 18,
    }),
  );

  const fair = check(
    'create_event',
    await staffClient.rpc('create_event', {
      p_organization_id: universityId,
      p_kind: 'job_fair',
      p_title: 'Ярмарка вакансий КемГУ',
      p_description: 'Работодатели Кемерова знакомят студентов и выпускников с вакансиями и стажировками.',
      p_starts_at: kemerovoAt(1, 12),
      p_ends_at: kemerovoAt(1, 16),
      p_place: 'г. Кемерово, ул. Красная, 6, главный корпус',
      p_online_url: '',
      p_audience: 'students',
      p_capacity: 200,
    }),
  );
  check('register_for_event', await studentClient.rpc('register_for_event', { p_event_id: fair }));
  await db().query(`update public.events set starts_at = $2, ends_at = $3 where id = $1`, [
    fair,
    kemerovoAt(-20, 12),
    kemerovoAt(-20, 16),
  ]);
  const { rows } = await db().query<{ id: string }>(
    `select id from public.event_registrations where event_id = $1 and status = 'registered'`,
    [fair],
  );
  check(
    'record_event_attendance',
    await staffClient.rpc('record_event_attendance', { p_id: fair, p_attended: rows.map((r) => r.id) }),
  );
  log('seed', 'партнёрство: 1 действующий договор, 2 мероприятия (предстоящее и проведённое)');
}
