/**
 * Demo records behind the project's indicators for the passport's programme (01.02.2023–31.08.2025):
 * graduates hired at Kemerovo employers and confirmed by both sides, practices confirmed by the
 * universities, employer stipends and target-training agreements in force (their people recognized
 * by their universities: graduated), partnership contracts of Kemerovo employers with the universities,
 * employers' meetings with 11th-graders held with attendance, and the universities' student numbers
 * with the students the platform reached (sign-ins), so that the administration's dashboard
 * (/admin/indicators) and the public results (/results) show real numbers with real records behind them.
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
  const done = await pool.query(`select 1 from public.profiles where email like $1 limit 1`, [`%${MARKER}`]);
  let total = done.rows.length > 0 ? 0 : await seedOutcomes(log, pool, employer, universities);
  total += await recognizeAlumni(pool);
  total += await seedContracts(log, pool, employer, universities);
  total += await seedMeetings(log, pool, employer);
  total += await seedInformedStudents(log, pool, universities);
  return total;
}

async function seedOutcomes(
  log: Log,
  pool: Queryable,
  employer: (i: number) => string,
  universities: Map<string, string>,
): Promise<number> {
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
         practice_type, starts_on, ends_on, status, created_at, order_number, order_date, confirmed_at,
         employer_supervisor_name, employer_supervisor_email)
       select $1, $2, $3, p.programme_code, 'industrial', $4, $5, $6, $4::date - 30,
              'П-' || to_char($4::date, 'YYMMDD'), $4::date - 20, $4::date - 20,
              'Наставник от предприятия', 'mentor@employer.demo.kemerovo-profi.ru'
         from public.profiles p where p.id = $1
       returning id`,
      [people[person].id, people[person].universityId, employer(org), start, end, status],
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
              $4::timestamptz - interval '2 days', $4::timestamptz - interval '1 day', $4, $4
         from public.profiles p where p.id = $1
       returning id`,
      [people[person].id, people[person].universityId, employer(org), at],
    );
    await event('target_agreement', rows[0].id, null, null, 'awaiting_signatures', at);
    await event('target_agreement', rows[0].id, null, 'awaiting_signatures', 'in_force', at);
  }
  const total = HIRES.length + PRACTICES.length + STIPENDS.length + AGREEMENTS.length;
  // the profiles' insert logged a sign-in today: these people only used the platform in 2023–2025
  await pool.query(
    `delete from public.student_sign_in_years s using public.profiles p
      where p.id = s.profile_id and p.email like $1 and s.year > 2025`,
    [`%${MARKER}`],
  );
  log(
    'seed',
    `показатели: ${total} подтверждённых записей 2023–2025 (${HIRES.length} приёмов, ${PRACTICES.length} практик, ${STIPENDS.length} стипендий, ${AGREEMENTS.length} договора о целевом обучении)`,
  );
  return total;
}

/** The alumni's universities confirmed them long ago and have marked them graduated. Idempotent. */
async function recognizeAlumni(pool: Queryable): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `update public.profiles set enrolment_status = 'graduated', enrolment_changed_at = '2023-07-01'
      where email like $1 and enrolment_status = 'claimed' returning id`,
    [`%${MARKER}`],
  );
  for (const { id } of rows) {
    await pool.query(
      `insert into public.student_enrolment_events (profile_id, university_id, programme_code, graduation_year,
         at, from_status, to_status, source)
       select p.id, p.university_id, p.programme_code, p.graduation_year, '2023-07-01', 'claimed', 'graduated',
              'list_upload'
         from public.profiles p where p.id = $1`,
      [id],
    );
  }
  return rows.length;
}

/**
 * [number, employer index, university, kind, valid from, valid to, end: [status, at] or null (active)].
 * In force per year: 2023 — 4, 2024 — 5, 2025 — 4.
 */
const CONTRACTS: ReadonlyArray<
  readonly [string, number, string, string, string, string | null, readonly [string, string] | null]
> = [
  ['ПП-2021/07', 0, 'КузГТУ', 'practice', '2021-09-01', '2027-08-31', null],
  [
    'С-2022/15',
    41,
    'КемГУ',
    'cooperation',
    '2022-03-01',
    '2024-02-29',
    ['expired', '2024-03-01T02:00:00+07:00'],
  ],
  ['ПП-2023/03', 16, 'КемГМУ', 'practice', '2023-04-10', null, null],
  [
    'ЦО-2023/11',
    26,
    'КузГТУ',
    'target_training',
    '2023-09-01',
    '2026-08-31',
    ['terminated', '2024-06-14T11:00:00+07:00'],
  ],
  ['ПП-2024/21', 30, 'КузГТУ', 'practice', '2024-02-01', '2027-01-31', null],
  ['С-2025/02', 42, 'КемГУ', 'cooperation', '2025-02-10', null, null],
];

async function seedContracts(
  log: Log,
  pool: Queryable,
  employer: (i: number) => string,
  universities: Map<string, string>,
): Promise<number> {
  const done = await pool.query(`select 1 from public.partnership_contracts where number = $1 limit 1`, [
    CONTRACTS[0][0],
  ]);
  if (done.rows.length > 0) return 0;
  let n = 0;
  for (const [number, org, university, kind, from, to, end] of CONTRACTS) {
    const universityId = universities.get(university);
    if (!universityId) continue;
    const { rows } = await pool.query<{ id: string }>(
      `insert into public.partnership_contracts (employer_id, university_id, kind, number, signed_on, valid_from,
         valid_to, status, proposed_by_side, status_changed_at, end_reason, created_at)
       values ($1, $2, $3, $4, $5::date - 10, $5, $6, $7, 'administration', coalesce($8::timestamptz, $5::timestamptz),
               $9, $5::date - 10)
       returning id`,
      [
        employer(org),
        universityId,
        kind,
        number,
        from,
        to,
        end?.[0] ?? 'active',
        end?.[1] ?? null,
        end?.[0] === 'terminated' ? 'Предприятие сменило профиль подготовки' : null,
      ],
    );
    await pool.query(
      `insert into public.contract_events (contract_id, actor_side, at, from_status, to_status, notified_at)
       values ($1, 'administration', $2::date - 10, null, 'active', $2::date - 10)`,
      [rows[0].id, from],
    );
    if (end) {
      await pool.query(
        `insert into public.contract_events (contract_id, actor_side, at, from_status, to_status, note, notified_at)
         values ($1, $2, $3, 'active', $4, $5, $3)`,
        [
          rows[0].id,
          end[0] === 'expired' ? 'system' : 'employer',
          end[1],
          end[0],
          end[0] === 'terminated' ? 'Предприятие сменило профиль подготовки' : null,
        ],
      );
    }
    n++;
  }
  log('seed', `показатели: ${n} договоров вузов с работодателями 2021–2025`);
  return n;
}

/** [employer index, date, school, pupils who came]: 2023 — 5, 2024 — 8, 2025 — 7 meetings. */
const MEETINGS: ReadonlyArray<readonly [number, string, string, number]> = [
  [0, '2023-03-15', 'МБОУ «СОШ № 41»', 24],
  [9, '2023-04-12', 'МАОУ «Лицей № 62»', 18],
  [16, '2023-10-18', 'МБОУ «Гимназия № 1»', 27],
  [26, '2023-11-22', 'МБОУ «СОШ № 92»', 21],
  [2, '2023-12-13', 'МАОУ «СОШ № 14»', 30],
  [0, '2024-02-07', 'МБОУ «Лицей № 89»', 26],
  [30, '2024-03-13', 'МБОУ «СОШ № 41»', 19],
  [41, '2024-04-10', 'МАОУ «Гимназия № 42»', 25],
  [17, '2024-04-24', 'МБОУ «СОШ № 50»', 22],
  [9, '2024-10-16', 'МАОУ «Лицей № 62»', 28],
  [35, '2024-11-13', 'МБОУ «СОШ № 97»', 17],
  [0, '2024-11-27', 'МБОУ «Гимназия № 1»', 29],
  [26, '2024-12-11', 'МБОУ «СОШ № 92»', 23],
  [4, '2025-01-22', 'МАОУ «СОШ № 14»', 26],
  [16, '2025-02-12', 'МБОУ «СОШ № 50»', 20],
  [31, '2025-03-05', 'МБОУ «Лицей № 89»', 24],
  [0, '2025-03-19', 'МАОУ «Гимназия № 42»', 31],
  [42, '2025-04-09', 'МБОУ «СОШ № 97»', 18],
  [2, '2025-04-23', 'МБОУ «СОШ № 41»', 27],
  [20, '2025-05-14', 'МАОУ «Лицей № 62»', 22],
];

const MEETING_TITLE = 'Профессии предприятия: встреча с выпускниками 11 классов';

async function seedMeetings(log: Log, pool: Queryable, employer: (i: number) => string): Promise<number> {
  const done = await pool.query(
    `select 1 from public.events where title = $1 and starts_at < '2025-09-01' limit 1`,
    [MEETING_TITLE],
  );
  if (done.rows.length > 0) return 0;
  const insertEvent = async (org: number, date: string, status: 'held' | 'cancelled') => {
    const { rows } = await pool.query<{ id: string }>(
      `insert into public.events (organization_id, kind, title, description, starts_at, ends_at, place, audience,
         capacity, status, cancel_reason, attendance_recorded_at, created_at, status_changed_at)
       values ($1, 'school_meeting', $2, $3, ($4::text || 'T14:00:00+07:00')::timestamptz,
               ($4::text || 'T15:30:00+07:00')::timestamptz, 'Учебный центр предприятия', 'pupils', 40, $5::text::public.event_status,
               case when $5::text = 'cancelled' then 'Карантин в школах города' end,
               case when $5::text = 'held' then ($4::text || 'T16:00:00+07:00')::timestamptz end,
               $4::date - 21, ($4::text || 'T16:00:00+07:00')::timestamptz)
       returning id`,
      [
        employer(org),
        MEETING_TITLE,
        'Для одиннадцатиклассников, выбравших профильные предметы ЕГЭ: чем занимается предприятие, какие специалисты нужны, в каких вузах Кузбасса им учиться.',
        date,
        status,
      ],
    );
    await pool.query(
      `insert into public.event_history (event_id, at, from_status, to_status, note)
       values ($1, $2::date - 21, null, 'planned', null),
              ($1, ($2::text || 'T16:00:00+07:00')::timestamptz, 'planned', $3::text::public.event_status, $4)`,
      [rows[0].id, date, status, status === 'cancelled' ? 'Карантин в школах города' : null],
    );
    return rows[0].id;
  };
  for (const [org, date, school, pupils] of MEETINGS) {
    const id = await insertEvent(org, date, 'held');
    await pool.query(
      `insert into public.event_school_groups (event_id, teacher_name, school_name, email, headcount, status,
         attended_count, created_at)
       values ($1, 'Классный руководитель 11 класса', $2, $3, $4, 'registered', $5, $6::date - 14)`,
      [
        id,
        school,
        `school${date.replaceAll('-', '')}@schools.demo.kemerovo-profi.ru`,
        pupils + 2,
        pupils,
        date,
      ],
    );
  }
  // a meeting cancelled before it took place: not counted
  await insertEvent(9, '2024-01-24', 'cancelled');
  log('seed', `показатели: ${MEETINGS.length} встреч работодателей с 11-классниками 2023–2025`);
  return MEETINGS.length;
}

/** Student numbers entered by the administration: [university, 2023, 2024, 2025]. */
const STUDENT_NUMBERS: ReadonlyArray<readonly [string, number, number, number]> = [
  ['КемГУ', 9800, 9700, 9600],
  ['КузГТУ', 11200, 11000, 10900],
  ['КемГМУ', 4300, 4350, 4400],
];

const STUDENT_MARKER = '@students.demo.kemerovo-profi.ru';
/** Students the platform reached in 2023–2025 (sign-ins), at КузГТУ and КемГМУ. */
const REACHED = 3000;

const MALE = {
  first: ['Александр', 'Дмитрий', 'Максим', 'Иван', 'Артём', 'Никита', 'Михаил', 'Егор', 'Андрей', 'Кирилл'],
  middle: ['Александрович', 'Сергеевич', 'Андреевич', 'Игоревич', 'Олегович', 'Викторович', 'Павлович'],
  last: [
    'Иванов',
    'Кузнецов',
    'Попов',
    'Соколов',
    'Лебедев',
    'Козлов',
    'Новиков',
    'Морозов',
    'Волков',
    'Зайцев',
    'Павлов',
  ],
};
const FEMALE = {
  first: [
    'Анна',
    'Мария',
    'Дарья',
    'Полина',
    'Екатерина',
    'Софья',
    'Виктория',
    'Ксения',
    'Алина',
    'Елизавета',
  ],
  middle: ['Александровна', 'Сергеевна', 'Андреевна', 'Игоревна', 'Олеговна', 'Викторовна', 'Павловна'],
  last: [
    'Иванова',
    'Кузнецова',
    'Попова',
    'Соколова',
    'Лебедева',
    'Козлова',
    'Новикова',
    'Морозова',
    'Волкова',
    'Зайцева',
    'Павлова',
  ],
};

/**
 * The universities' student numbers for 2023–2025 and the students the platform reached: confirmed
 * students who signed in (2023: 1 100, 2024: 1 900, 2025: 2 100 of them), so that «информированные
 * студенты» shows a plausible share for a platform in its first years (about 4, 8 and 9 %).
 */
async function seedInformedStudents(
  log: Log,
  pool: Queryable,
  universities: Map<string, string>,
): Promise<number> {
  let n = 0;
  for (const [university, ...numbers] of STUDENT_NUMBERS) {
    const id = universities.get(university);
    if (!id) continue;
    for (const [i, students] of numbers.entries()) {
      const { rowCount } = await pool.query(
        `insert into public.university_student_numbers (university_id, year, students, updated_by)
         values ($1, $2, $3, null) on conflict (university_id, year) do nothing`,
        [id, 2023 + i, students],
      );
      n += rowCount ?? 0;
    }
  }
  const kuzgtu = universities.get('КузГТУ');
  const kemgmu = universities.get('КемГМУ');
  const done = await pool.query(`select 1 from public.profiles where email like $1 limit 1`, [
    `%${STUDENT_MARKER}`,
  ]);
  if (!kuzgtu || !kemgmu || done.rows.length > 0) return n;
  await pool.query(
    `with gen as (
       select g.n, 'student' || g.n || $1 as email,
              case when g.n % 4 = 3 then $3::uuid else $2::uuid end as university_id,
              case when g.n % 4 = 3 then '31.05.01' else (array['18.03.01', '15.03.04', '21.05.04', '13.03.02'])[1 + g.n % 4] end
                as programme_code,
              case when g.n % 2 = 0
                   then ($4::text[])[1 + (g.n / 2) % cardinality($4::text[])] || ' ' || ($5::text[])[1 + g.n % cardinality($5::text[])]
                        || ' ' || ($6::text[])[1 + (g.n / 7) % cardinality($6::text[])]
                   else ($7::text[])[1 + (g.n / 2) % cardinality($7::text[])] || ' ' || ($8::text[])[1 + g.n % cardinality($8::text[])]
                        || ' ' || ($9::text[])[1 + (g.n / 7) % cardinality($9::text[])] end as full_name
       from generate_series(1, ${REACHED}) as g(n)
     ),
     users as (
       insert into better_auth."user" (name, email, "emailVerified", "createdAt", "updatedAt")
       select full_name, email, true, '2023-02-01', '2023-02-01' from gen
       returning id, email
     )
     insert into public.profiles (id, role, full_name, email, email_verified, university_id, programme_code,
                                  year_of_study, graduation_year, enrolment_status, enrolment_changed_at, created_at)
     select u.id, 'student', g.full_name, g.email, true, g.university_id, g.programme_code, 4, 2026, 'confirmed',
            '2023-02-10', '2023-02-01'
       from users u join gen g on g.email = u.email`,
    [
      STUDENT_MARKER,
      kuzgtu,
      kemgmu,
      MALE.first,
      MALE.middle,
      MALE.last,
      FEMALE.first,
      FEMALE.middle,
      FEMALE.last,
    ],
  );
  // which years each student signed in: the first 1 100 in 2023, 500–2 400 in 2024, from 900 on in 2025
  await pool.query(
    `delete from public.student_sign_in_years s using public.profiles p
      where p.id = s.profile_id and p.email like $1`,
    [`%${STUDENT_MARKER}`],
  );
  await pool.query(
    `insert into public.student_sign_in_years (profile_id, year, first_at, last_at)
     select p.id, y.year,
            make_timestamptz(y.year, 2 + k.n % 5, 1 + k.n % 27, 10, 0, 0, 'Asia/Novokuznetsk'),
            make_timestamptz(y.year, 6 + k.n % 3, 1 + k.n % 27, 18, 0, 0, 'Asia/Novokuznetsk')
       from public.profiles p
       cross join lateral (select split_part(split_part(p.email, '@', 1), 'student', 2)::int as n) k
       join (values (2023, 1, 1100), (2024, 500, 2400), (2025, 900, ${REACHED})) as y(year, lo, hi)
         on k.n between y.lo and y.hi
      where p.email like $1`,
    [`%${STUDENT_MARKER}`],
  );
  log(
    'seed',
    `показатели: численность студентов вузов 2023–2025 и ${REACHED} охваченных платформой студентов`,
  );
  return n + REACHED;
}
