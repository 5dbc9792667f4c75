/**
 * Demo records behind the project's indicators for the passport's programme (01.02.2023–31.08.2025):
 * graduates hired at Kemerovo employers and confirmed by both sides, practices confirmed by the
 * universities, employer stipends and target-training agreements in force, so that the
 * administration's dashboard (/admin/indicators) and the public results (/results) show real
 * numbers with real records behind them.
 *
 * These are past records of people who used the platform before the demo began: their accounts have
 * no password (nobody can sign in as them), and the records are written as the outcome functions
 * would have left them, each with its history in outcome_events. Idempotent: a second run adds
 * nothing. Call it after the organizations exist (seed.ts).
 */
import { db, type Queryable } from '../../src/lib/server/db.ts';

type Log = (scope: string, message: string) => void;

const MARKER = '@alumni.demo.kemerovo-profi.ru';

/** [full name, university short name, programme] */
const PEOPLE: ReadonlyArray<readonly [string, string, string]> = [
  ['Анастасия Игоревна Воронцова', 'КузГТУ', '18.03.01'],
  ['Денис Олегович Гребенщиков', 'КузГТУ', '15.03.04'],
  ['Валерия Сергеевна Крылова', 'КемГУ', '09.03.03'],
  ['Илья Андреевич Прохоров', 'КузГТУ', '13.03.02'],
  ['Юлия Викторовна Савельева', 'КемГМУ', '31.05.01'],
  ['Глеб Петрович Макаров', 'КузГТУ', '21.05.04'],
  ['Арина Денисовна Белоусова', 'КемГУ', '38.03.01'],
  ['Тимофей Русланович Жуков', 'КузГТУ', '18.03.02'],
  ['Вероника Алексеевна Орехова', 'КемГМУ', '34.03.01'],
  ['Матвей Ильич Комаров', 'КемГУ', '09.03.01'],
  ['Ульяна Романовна Гусева', 'КузГТУ', '20.03.01'],
  ['Степан Максимович Тарасов', 'КузГТУ', '27.03.04'],
  ['Алёна Евгеньевна Филиппова', 'КемГУ', '04.03.01'],
  ['Фёдор Кириллович Данилов', 'КузГТУ', '15.03.04'],
  ['Милана Артёмовна Зуева', 'КемГМУ', '31.05.01'],
  ['Василий Антонович Ершов', 'КемГУ', '09.03.03'],
  ['Ева Дмитриевна Лаптева', 'КузГТУ', '18.03.01'],
  ['Родион Сергеевич Щербаков', 'КузГТУ', '13.03.02'],
];

/** [person, employer index, start date, position]; person 2 is hired twice (counted once). */
const HIRES: ReadonlyArray<readonly [number, number, string, string]> = [
  [0, 0, '2023-07-03', 'Инженер-технолог'],
  [1, 9, '2023-08-01', 'Инженер-конструктор'],
  [2, 41, '2023-09-04', 'Программист 1С'],
  [4, 16, '2023-09-01', 'Врач-стажёр'],
  [3, 30, '2024-02-12', 'Инженер по наладке'],
  [5, 26, '2024-07-15', 'Горный мастер'],
  [6, 55, '2024-08-01', 'Экономист'],
  [7, 2, '2024-08-05', 'Аппаратчик-технолог'],
  [8, 17, '2024-09-02', 'Медицинская сестра'],
  [9, 42, '2024-10-01', 'Разработчик'],
  [2, 42, '2025-02-03', 'Ведущий программист'],
  [10, 35, '2025-03-10', 'Инженер-эколог'],
  [11, 31, '2025-06-02', 'Инженер АСУ ТП'],
  [12, 4, '2025-07-01', 'Лаборант-химик'],
  [13, 10, '2025-07-14', 'Инженер-электрик'],
  [14, 20, '2025-08-11', 'Врач-кардиолог'],
];

/** [person, employer index, start, end, status] */
const PRACTICES: ReadonlyArray<readonly [number, number, string, string, string]> = [
  [0, 0, '2023-06-26', '2023-07-21', 'completed'],
  [7, 0, '2023-06-26', '2023-07-21', 'closed'],
  [3, 30, '2023-07-03', '2023-07-28', 'completed'],
  [12, 2, '2023-07-10', '2023-08-04', 'completed'],
  [16, 0, '2024-02-05', '2024-03-01', 'completed'],
  [11, 31, '2024-06-24', '2024-07-19', 'completed'],
  [13, 9, '2024-07-01', '2024-07-26', 'closed'],
  [17, 30, '2024-07-01', '2024-07-26', 'completed'],
  [10, 34, '2024-07-08', '2024-08-02', 'completed'],
  [16, 1, '2025-02-03', '2025-02-28', 'completed'],
  [17, 0, '2025-06-30', '2025-07-25', 'completed'],
  [15, 41, '2025-07-01', '2025-07-26', 'completed'],
];

/** [person, employer index, start, months, status] */
const STIPENDS: ReadonlyArray<readonly [number, number, string, number, string]> = [
  [0, 0, '2023-02-01', 5, 'finished'],
  [7, 0, '2023-09-01', 10, 'finished'],
  [12, 0, '2023-09-01', 10, 'finished'],
  [16, 0, '2024-09-01', 10, 'finished'],
  [17, 2, '2024-09-01', 10, 'finished'],
  [13, 9, '2025-02-01', 5, 'finished'],
];

/** [person, employer index, in force at] */
const AGREEMENTS: ReadonlyArray<readonly [number, number, string]> = [
  [16, 0, '2023-08-15T10:00:00+07:00'],
  [5, 26, '2023-09-20T10:00:00+07:00'],
  [17, 2, '2024-08-20T10:00:00+07:00'],
  [8, 17, '2024-09-05T10:00:00+07:00'],
  [15, 41, '2025-03-12T10:00:00+07:00'],
];

export async function seedDemoIndicators(log: Log, pool: Queryable = db()): Promise<number> {
  const done = await pool.query(`select 1 from public.profiles where email like $1 limit 1`, [`%${MARKER}`]);
  if (done.rows.length > 0) return 0;
  const employers = (
    await pool.query<{ id: string }>(
      `select id from public.organizations where kind = 'employer' and verification_status = 'verified'
         and district_code is not null order by created_at, name`,
    )
  ).rows.map((r) => r.id);
  const universities = new Map(
    (
      await pool.query<{ id: string; short_name: string }>(
        `select id, short_name from public.organizations where kind = 'university' and short_name is not null`,
      )
    ).rows.map((r) => [r.short_name, r.id]),
  );
  if (employers.length === 0 || universities.size === 0) {
    log('seed', 'показатели: нет работодателей или вузов, демо-записи не созданы');
    return 0;
  }
  const employer = (i: number) => employers[i % employers.length];

  const people: { id: string; universityId: string | null }[] = [];
  for (const [i, [name, university, programme]] of PEOPLE.entries()) {
    const email = `graduate${i + 1}${MARKER}`;
    const { rows } = await pool.query<{ id: string }>(
      `insert into better_auth."user" (name, email, "emailVerified", "createdAt", "updatedAt")
       values ($1, $2, true, '2023-01-20', '2023-01-20') returning id`,
      [name, email],
    );
    const universityId = universities.get(university) ?? null;
    await pool.query(
      `insert into public.profiles (id, role, full_name, email, email_verified, university_id, programme_code,
                                    graduation_year, created_at)
       values ($1, 'graduate', $2, $3, true, $4, $5, $6, '2023-01-20')`,
      [rows[0].id, name, email, universityId, programme, 2023 + (i % 3)],
    );
    people.push({ id: rows[0].id, universityId });
  }

  const event = (
    type: string,
    id: string,
    actor: string | null,
    from: string | null,
    to: string,
    at: string,
  ) =>
    pool.query(
      `insert into public.outcome_events (record_type, record_id, actor_id, from_status, to_status, at)
       values ($1, $2, $3, $4, $5, $6)`,
      [type, id, actor, from, to, at],
    );

  for (const [n, [person, org, start, position]] of HIRES.entries()) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into public.employments (person_id, organization_id, position, start_date, document_kind,
         document_number, document_date, status, employer_confirmed_at, person_confirmed_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $4::date - 3, 'confirmed', $4::date - 3, $4::date + 2, $4::date - 3)
       returning id`,
      [people[person].id, employer(org), position, start, n % 2 ? 'contract' : 'order', `${140 + n}-к`],
    );
    const day = (shift: number) => new Date(Date.parse(start) + shift * 86_400_000).toISOString();
    await event('employment', rows[0].id, null, null, 'awaiting_confirmation', day(-3));
    await event('employment', rows[0].id, people[person].id, 'awaiting_confirmation', 'confirmed', day(2));
  }
  for (const [person, org, start, end, status] of PRACTICES) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into public.practice_placements (student_id, university_id, organization_id, programme_code,
         practice_type, starts_on, ends_on, status, created_at, order_number, order_date,
         employer_supervisor_name, employer_supervisor_email)
       select $1, $2, $3, p.programme_code, 'industrial', $4, $5, $6::text::public.placement_status, $4::date - 30, $7, $4::date - 14,
              case when $6::text not in ('awaiting_university', 'confirmed', 'cancelled') then 'Руководитель практики' end,
              case when $6::text not in ('awaiting_university', 'confirmed', 'cancelled') then 'practice@demo.kemerovo-profi.ru' end
         from public.profiles p where p.id = $1
       returning id`,
      [
        people[person].id,
        people[person].universityId,
        employer(org),
        start,
        end,
        status,
        `${start.slice(0, 4)}-пр`,
      ],
    );
    await event('practice_placement', rows[0].id, null, null, 'awaiting_university', `${start}T03:00:00Z`);
    await event(
      'practice_placement',
      rows[0].id,
      null,
      'awaiting_university',
      'confirmed',
      `${start}T04:00:00Z`,
    );
  }
  for (const [n, [person, org, start, months, status]] of STIPENDS.entries()) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into public.stipend_awards (student_id, university_id, organization_id, amount_per_month, months,
         starts_on, order_number, status, created_at)
       values ($1, $2, $3, 10000, $4, $5, $6, $7, $5::date - 14) returning id`,
      [people[person].id, people[person].universityId, employer(org), months, start, `${31 + n}-ст`, status],
    );
    await event('stipend_award', rows[0].id, null, null, 'awaiting_university', `${start}T03:00:00Z`);
    await event('stipend_award', rows[0].id, null, 'awaiting_university', 'active', `${start}T04:00:00Z`);
  }
  for (const [person, org, at] of AGREEMENTS) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into public.target_agreements (student_id, university_id, organization_id, programme_code,
         work_years, status, created_at, employer_signed_at, student_signed_at, university_signed_at, in_force_at)
       select $1, $2, $3, p.programme_code, 3, 'in_force', $4::timestamptz - interval '10 days',
              $4::timestamptz - interval '2 days', $4::timestamptz - interval '1 day', $4::timestamptz, $4::timestamptz
         from public.profiles p where p.id = $1
       returning id`,
      [people[person].id, people[person].universityId, employer(org), at],
    );
    await event('target_agreement', rows[0].id, null, null, 'awaiting_signatures', at);
    await event('target_agreement', rows[0].id, null, 'awaiting_signatures', 'in_force', at);
  }
  const total = HIRES.length + PRACTICES.length + STIPENDS.length + AGREEMENTS.length;
  log(
    'seed',
    `показатели: ${total} подтверждённых записей 2023–2025 (${HIRES.length} приёмов, ${PRACTICES.length} практик, ${STIPENDS.length} стипендий, ${AGREEMENTS.length} договора о целевом обучении)`,
  );
  return total;
}
