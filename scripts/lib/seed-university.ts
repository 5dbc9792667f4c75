/**
 * Demo students of КемГУ for the demo career centre (issue 8 items 0, 1): 45 students with birth
 * dates, 40 of them confirmed by the university (so a practice order of 40 students can be uploaded
 * from the downloadable template) and 5 waiting in its confirmation queue.
 *
 * The students have accounts without a password (nobody signs in as them; only the six demo log-ins
 * share the published password). Everything else goes through the real database functions, each
 * called as the person it belongs to (their JWT claims on the connection, as PostgREST sets them):
 * register_person and the birth date as the student, set_student_enrolment as the career centre.
 * Running it again changes nothing.
 */
import type pg from 'pg';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';
import { demoEmail } from '../../src/lib/server/accounts/demo-accounts.ts';

type Log = (scope: string, message: string) => void;

export interface DemoUniversityStudent {
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  programmeCode: string;
  yearOfStudy: number;
  email: string;
  /** Confirmed by КемГУ in the seed (the other 5 wait in the queue). */
  confirmed: boolean;
}

const SURNAMES: Array<[string, string]> = [
  ['Абрамов', 'Абрамова'],
  ['Белоусов', 'Белоусова'],
  ['Воронцов', 'Воронцова'],
  ['Гаврилов', 'Гаврилова'],
  ['Дьячков', 'Дьячкова'],
  ['Ершов', 'Ершова'],
  ['Жуков', 'Жукова'],
  ['Зимин', 'Зимина'],
  ['Игнатьев', 'Игнатьева'],
  ['Калинин', 'Калинина'],
  ['Ларионов', 'Ларионова'],
  ['Медведев', 'Медведева'],
  ['Некрасов', 'Некрасова'],
  ['Одинцов', 'Одинцова'],
  ['Прохоров', 'Прохорова'],
];
const MALE = ['Андрей', 'Борис', 'Владимир', 'Глеб', 'Денис', 'Евгений', 'Захар', 'Илья'];
const FEMALE = ['Алёна', 'Вера', 'Галина', 'Дарья', 'Евгения', 'Жанна', 'Зоя', 'Ирина'];
const PATRONYMIC_M = ['Алексеевич', 'Викторович', 'Геннадьевич', 'Дмитриевич', 'Олегович'];
const PATRONYMIC_F = ['Алексеевна', 'Викторовна', 'Геннадьевна', 'Дмитриевна', 'Олеговна'];
const PROGRAMMES = ['09.03.03', '38.03.01', '04.03.01', '44.03.01', '40.03.01'];

/** The 45 demo students of КемГУ: the same list every time (the e2e fills its order from it). */
export const DEMO_KEMSU_STUDENTS: readonly DemoUniversityStudent[] = Array.from({ length: 45 }, (_, i) => {
  const female = i % 2 === 1;
  const [m, f] = SURNAMES[i % SURNAMES.length];
  const first = female ? FEMALE[(i * 3) % FEMALE.length] : MALE[(i * 5) % MALE.length];
  const patronymic = female ? PATRONYMIC_F[i % PATRONYMIC_F.length] : PATRONYMIC_M[i % PATRONYMIC_M.length];
  const year = 2 + (i % 3);
  const birth = new Date(Date.UTC(2006 - year, i % 12, 1 + ((i * 7) % 28)));
  return {
    fullName: `${female ? f : m} ${first} ${patronymic}`,
    birthDate: birth.toISOString().slice(0, 10),
    programmeCode: PROGRAMMES[i % PROGRAMMES.length],
    yearOfStudy: year,
    email: `kemsu-student-${String(i + 1).padStart(2, '0')}@demo.kemerovo-profi.ru`,
    confirmed: i < 40,
  };
});

/** Runs fn on one connection inside a transaction, as the given person (PostgREST's claims). */
async function asPerson<T>(
  pool: pg.Pool,
  person: { id: string; email: string },
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: person.id, email: person.email, role: 'authenticated', aud: 'authenticated' }),
    ]);
    await client.query('set local role authenticated');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Adds the demo students of КемГУ unless they exist. Needs КемГУ and its career-centre officer
 * (career@demo…) from the main seed. Returns how many students it created.
 */
export async function seedDemoUniversity(pool: pg.Pool, log: Log): Promise<number> {
  const { rows: existing } = await pool.query<{ n: number }>(
    'select count(*)::int as n from public.profiles where email = any($1)',
    [DEMO_KEMSU_STUDENTS.map((s) => s.email)],
  );
  if (existing[0].n > 0) return 0;
  const { rows: found } = await pool.query<{ university_id: string; staff_id: string }>(
    `select o.id as university_id, p.id as staff_id
       from public.organizations o
       join public.memberships m on m.organization_id = o.id
       join public.profiles p on p.id = m.profile_id
      where o.kind = 'university' and o.short_name = 'КемГУ' and p.email = $1`,
    [demoEmail('university')],
  );
  if (!found[0]) throw new Error('нет КемГУ или его демо-сотрудника: сначала основной сид');
  const { university_id: universityId, staff_id: staffId } = found[0];

  const ids: string[] = [];
  for (const s of DEMO_KEMSU_STUDENTS) {
    // an account without a password: it exists for the profile, nobody signs in with it
    const { rows } = await pool.query<{ id: string }>(
      `insert into better_auth."user" (name, email, "emailVerified") values ($1, $2, true) returning id`,
      [s.fullName, s.email],
    );
    const person = { id: rows[0].id, email: s.email };
    await asPerson(pool, person, async (client) => {
      await client.query(
        `select public.register_person(p_role => 'student', p_full_name => $1, p_university_id => $2,
                p_consent_version => $3, p_programme_code => $4, p_year_of_study => $5, p_graduation_year => $6,
                p_ip => '127.0.0.1', p_user_agent => 'seed')`,
        [s.fullName, universityId, CONSENT_VERSION, s.programmeCode, s.yearOfStudy, 2030 - s.yearOfStudy],
      );
      await client.query('update public.profiles set birth_date = $1 where id = $2', [
        s.birthDate,
        person.id,
      ]);
    });
    if (s.confirmed) ids.push(person.id);
  }
  await asPerson(pool, { id: staffId, email: demoEmail('university') }, (client) =>
    client.query(
      `select * from public.set_student_enrolment($1::uuid[], 'confirmed', 'Демо: список студентов')`,
      [ids],
    ),
  );
  log(
    'seed',
    `КемГУ: ${DEMO_KEMSU_STUDENTS.length} демо-студентов, ${ids.length} подтверждены вузом (для приказа о практике)`,
  );
  return DEMO_KEMSU_STUDENTS.length;
}
