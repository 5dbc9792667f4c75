/**
 * Demo applications for `npm start`: the demo student and graduate have applications in every
 * state, the demo employer has a pipeline of 30+ candidates, and one hire waits for the graduate's
 * confirmation. Everything goes through the real paths: each person's own JWT calls the same
 * database functions the pages call (apply_to_opportunity, make_offer, accept_offer, record_hire…),
 * so the timelines, consents, outcome records and queued letters are what real use would leave.
 */
import { randomBytes } from 'node:crypto';
import type { createAuth } from '../../src/lib/server/auth/options.ts';
import { db } from '../../src/lib/server/db.ts';
import { userClient, type Supabase } from '../../src/lib/server/supabase.ts';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';
import {
  TRANSFER_CONSENT_VERSION,
  transferConsentText,
} from '../../src/lib/consents/transfer-to-employer.ts';

type Log = (scope: string, message: string) => void;

interface Person {
  id: string;
  email: string;
  client: Supabase;
}

export interface DemoApplicationsInput {
  auth: ReturnType<typeof createAuth>;
  log: Log;
  employerId: string;
  hr: { id: string; email: string };
  student: { id: string; email: string };
  graduate: { id: string; email: string };
  /** The demo career centre (КемГУ): confirms its student so her placement can go to its queue. */
  staff: { id: string; email: string };
  universities: Record<string, string>;
}

const FIRST = [
  'Алексей',
  'Мария',
  'Дмитрий',
  'Анна',
  'Иван',
  'Полина',
  'Никита',
  'Софья',
  'Егор',
  'Дарья',
  'Кирилл',
  'Алина',
  'Максим',
  'Виктория',
  'Роман',
  'Ксения',
  'Павел',
  'Елизавета',
];
const LAST = [
  ['Смирнов', 'Смирнова'],
  ['Кузнецов', 'Кузнецова'],
  ['Попов', 'Попова'],
  ['Васильев', 'Васильева'],
  ['Соколов', 'Соколова'],
  ['Михайлов', 'Михайлова'],
  ['Новиков', 'Новикова'],
  ['Фёдоров', 'Фёдорова'],
  ['Морозов', 'Морозова'],
  ['Волков', 'Волкова'],
  ['Алексеев', 'Алексеева'],
  ['Лебедев', 'Лебедева'],
  ['Семёнов', 'Семёнова'],
  ['Егоров', 'Егорова'],
  ['Павлов', 'Павлова'],
  ['Козлов', 'Козлова'],
  ['Степанов', 'Степанова'],
];
const FEMALE = new Set([
  'Мария',
  'Анна',
  'Полина',
  'Софья',
  'Дарья',
  'Алина',
  'Виктория',
  'Ксения',
  'Елизавета',
]);
const CANDIDATE_PROGRAMMES = [
  '18.03.01',
  '18.03.02',
  '04.03.01',
  '15.03.04',
  '13.03.02',
  '20.03.01',
  '27.03.04',
];
const SKILLS = [
  'Химический анализ',
  'AutoCAD',
  'КИПиА',
  'Охрана труда',
  'Excel',
  'Python',
  '1С',
  'Английский B1',
  'Лабораторная практика',
  'SCADA',
];

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function must<T>(what: string, promise: PromiseLike<{ data: T; error: { message: string } | null }>) {
  const { data, error } = await promise;
  if (error) throw new Error(`${what}: ${error.message}`);
  return data;
}

/** Postings of the demo employer made for the demo applications, aimed at the demo people. */
async function insertDemoPostings(employerId: string, hrId: string, universities: Record<string, string>) {
  const all = Object.values(universities);
  const rows: Array<{ key: string; kind: string; title: string; extra: Record<string, unknown> }> = [
    {
      key: 'practice',
      kind: 'practice',
      title: 'Производственная практика в цехе аммиака',
      extra: {
        practice_type: 'industrial',
        programme_codes: CANDIDATE_PROGRAMMES,
        years_of_study: [2, 3, 4],
        seats: 15,
      },
    },
    {
      key: 'practice2',
      kind: 'practice',
      title: 'Преддипломная практика в центральной заводской лаборатории',
      extra: {
        practice_type: 'pre_diploma',
        programme_codes: ['18.03.01', '04.03.01'],
        years_of_study: [3, 4],
        seats: 4,
      },
    },
    {
      key: 'internship',
      kind: 'internship',
      title: 'Летняя стажировка «Инженер-технолог»',
      extra: {
        programme_codes: CANDIDATE_PROGRAMMES,
        years_of_study: [3, 4],
        is_paid: true,
        pay_from: 30000,
        pay_to: 40000,
        seats: 10,
      },
    },
    {
      key: 'internship2',
      kind: 'internship',
      title: 'Стажировка в службе КИПиА',
      extra: { programme_codes: CANDIDATE_PROGRAMMES, is_paid: true, pay_from: 28000, seats: 5 },
    },
    {
      key: 'internship3',
      kind: 'internship',
      title: 'Стажировка в отделе охраны труда',
      extra: { programme_codes: CANDIDATE_PROGRAMMES, is_paid: false, seats: 3 },
    },
    {
      key: 'stipend',
      kind: 'stipend',
      title: 'Именная стипендия комбината для студентов-химиков',
      extra: { programme_codes: ['18.03.01', '18.03.02', '04.03.01'], pay_from: 10000, stipend_count: 5 },
    },
    {
      key: 'target',
      kind: 'target_agreement',
      title: 'Целевое обучение: химическая технология',
      extra: {
        programme_codes: ['18.03.01'],
        work_years_after: 3,
        support_offered: 'Стипендия 8 000 ₽ в месяц, место в общежитии, оплачиваемая практика.',
      },
    },
    {
      key: 'vacancy',
      kind: 'vacancy',
      title: 'Инженер-программист АСУ ТП (для выпускников)',
      extra: {
        programme_codes: ['09.03.03', '27.03.04', '15.03.04'],
        is_paid: true,
        pay_from: 55000,
        pay_to: 75000,
        employment_type: 'full',
        experience: 'none',
      },
    },
    {
      key: 'vacancy2',
      kind: 'vacancy',
      title: 'Аналитик данных производства',
      extra: {
        programme_codes: ['09.03.03'],
        is_paid: true,
        pay_from: 60000,
        employment_type: 'full',
        experience: 'none',
      },
    },
    {
      key: 'vacancy3',
      kind: 'vacancy',
      title: 'Специалист по цифровизации документооборота',
      extra: {
        programme_codes: ['09.03.03'],
        is_paid: true,
        pay_from: 50000,
        employment_type: 'full',
        experience: 'none',
      },
    },
  ];
  const ids: Record<string, string> = {};
  for (const row of rows) {
    const extra: Record<string, unknown> = { university_ids: all, ...row.extra };
    const columns = Object.keys(extra);
    const { rows: inserted } = await db().query<{ id: string }>(
      `insert into public.opportunities
         (organization_id, kind, status, title, description_html, description_text, district_code, address,
          apply_by, published_at, expires_at, created_by, ${columns.join(', ')})
       values ($1, $2::public.opportunity_kind, 'published', $3, $4, $5, 'zavodsky', 'г. Кемерово, ул. Грузовая, 1',
               current_date + 25, now() - interval '10 days', now() + interval '20 days', $6,
               ${columns.map((_, i) => `$${i + 7}`).join(', ')})
       returning id`,
      [
        employerId,
        row.kind,
        row.title,
        `<p>${row.title}. Наставник, обучение на рабочем месте, развозка.</p>`,
        `${row.title}. Наставник, обучение на рабочем месте, развозка.`,
        hrId,
        ...columns.map((c) => extra[c]),
      ],
    );
    ids[row.key] = inserted[0].id;
  }
  return ids;
}

export async function seedDemoApplications(input: DemoApplicationsInput): Promise<number> {
  const { auth, employerId, universities } = input;
  const postings = await insertDemoPostings(employerId, input.hr.id, universities);

  const person = async (p: { id: string; email: string }): Promise<Person> => ({
    ...p,
    client: await userClient({ sub: p.id, email: p.email }),
  });
  const hr = await person(input.hr);
  const student = await person(input.student);
  const graduate = await person(input.graduate);

  const resume = (p: Person, headline: string, skills: string[], about: string) =>
    must(
      'resume',
      p.client.from('resumes').insert({ profile_id: p.id, headline, skills, about, desired_kinds: [] }),
    );
  await resume(
    student,
    'Студент-технолог, ищу практику и стажировку на химическом производстве',
    ['Химический анализ', 'AutoCAD', 'Excel', 'Английский B1'],
    'Третий курс КузГТУ, «Химическая технология». Участвовал в олимпиаде по химической технологии, люблю лабораторную работу.',
  );
  await resume(
    graduate,
    'Выпускница по прикладной информатике: Python, SQL, 1С',
    ['Python', 'SQL', '1С', 'Power BI'],
    'Диплом КемГУ 2026 года: система учёта заявок для предприятия. Ищу первую работу в Кемерове.',
  );

  // the consent text the posting page shows this person for this posting, word for word
  const consentFor = async (p: Person, postingKey: string) => {
    const { rows } = await db().query<{
      applicant: string;
      title: string;
      name: string;
      inn: string;
      address: string | null;
    }>(
      `select pr.full_name as applicant, o.title, org.name, org.inn, org.address
         from public.profiles pr, public.opportunities o join public.organizations org on org.id = o.organization_id
        where pr.id = $1 and o.id = $2`,
      [p.id, postings[postingKey]],
    );
    const r = rows[0];
    return transferConsentText({
      applicantName: r.applicant,
      employerName: r.name,
      employerInn: r.inn,
      employerAddress: r.address,
      postingTitle: r.title,
    });
  };
  const apply = async (p: Person, postingKey: string, letter: string) => {
    const rows = await must(
      'apply_to_opportunity',
      p.client.rpc('apply_to_opportunity', {
        p_opportunity_id: postings[postingKey],
        p_cover_letter: letter,
        p_consent_version: TRANSFER_CONSENT_VERSION,
        p_consent_text: await consentFor(p, postingKey),
        p_ip: '127.0.0.1',
        p_user_agent: 'seed',
      }),
    );
    return (rows as Array<{ application_id: string }>)[0].application_id;
  };
  const move = (p: Person, fn: string, args: Record<string, unknown>) =>
    must(fn, p.client.rpc(fn as never, args as never));
  const interviewAt = (d: number) =>
    new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10) + 'T03:00:00Z';

  // The demo student (КузГТУ, 18.03.01, 3rd year) and graduate (КемГУ, 09.03.03): every state.
  const s = {
    accepted: await apply(
      student,
      'practice',
      'Хочу пройти практику в цехе аммиака: это тема моей курсовой.',
    ),
    interview: await apply(student, 'internship', 'Готов выйти на стажировку с 1 июля на полный день.'),
    offer: await apply(student, 'stipend', 'Учусь без троек, участвую в студенческом научном обществе.'),
    submitted: await apply(
      student,
      'target',
      'Хочу связать карьеру с комбинатом и готов отработать после вуза.',
    ),
    rejected: await apply(student, 'internship2', 'Интересуюсь автоматизацией.'),
    viewed: await apply(student, 'practice2', 'Прошу рассмотреть на преддипломную практику.'),
    withdrawn: await apply(student, 'internship3', ''),
  };
  await move(hr, 'mark_application_viewed', { p_id: s.accepted });
  await move(hr, 'make_offer', {
    p_id: s.accepted,
    p_terms: { start_date: days(30), end_date: days(58) },
    p_answer_by: days(7),
  });
  await move(student, 'accept_offer', { p_id: s.accepted });
  await move(hr, 'shortlist_application', { p_id: s.interview });
  await move(hr, 'invite_to_interview', {
    p_id: s.interview,
    p_at: interviewAt(3),
    p_place: 'Заводоуправление, каб. 214 (пропуск на проходной № 1)',
  });
  await move(hr, 'mark_application_viewed', { p_id: s.offer });
  await move(hr, 'make_offer', {
    p_id: s.offer,
    p_terms: { start_date: days(14), amount_per_month: 10000, months: 10 },
    p_answer_by: days(10),
  });
  await move(hr, 'reject_application', {
    p_id: s.rejected,
    p_reason: 'position_filled',
    p_message: 'Спасибо за интерес! Места на стажировке этим летом заняты, будем рады вашему отклику осенью.',
  });
  await move(hr, 'mark_application_viewed', { p_id: s.viewed });
  await move(student, 'withdraw_application', {
    p_id: s.withdrawn,
    p_note: 'Нашёл стажировку ближе к дому.',
  });

  const g = {
    hired: await apply(graduate, 'vacancy', 'Писала диплом по автоматизации учёта, знаю Python и SQL.'),
    shortlisted: await apply(graduate, 'vacancy2', 'Аналитика данных — то, чем хочу заниматься.'),
    declined: await apply(graduate, 'vacancy3', ''),
  };
  await move(hr, 'invite_to_interview', {
    p_id: g.hired,
    p_at: interviewAt(1),
    p_link: 'https://telemost.yandex.ru/j/0000000000',
  });
  await move(hr, 'make_offer', {
    p_id: g.hired,
    p_terms: { position: 'Инженер-программист АСУ ТП', start_date: days(3), pay: 60000 },
    p_answer_by: days(2),
  });
  await move(graduate, 'accept_offer', { p_id: g.hired });
  await move(hr, 'record_hire', {
    p_id: g.hired,
    p_start_date: days(3),
    p_position: 'Инженер-программист АСУ ТП',
    p_document_kind: 'order',
    p_document_number: '245-к',
    p_document_date: days(0),
  });
  await move(hr, 'shortlist_application', { p_id: g.shortlisted });
  await move(hr, 'mark_application_viewed', { p_id: g.declined });
  await move(hr, 'make_offer', {
    p_id: g.declined,
    p_terms: { position: 'Специалист по цифровизации', start_date: days(20), pay: 50000 },
    p_answer_by: days(5),
  });
  await move(graduate, 'decline_offer', { p_id: g.declined, p_note: 'Выбрала другое предложение, спасибо!' });

  // 34 more candidates for the demo employer's pipeline, at every step.
  const uni = [universities['КузГТУ'], universities['КемГУ']];
  const steps = [
    'submitted',
    'submitted',
    'submitted',
    'viewed',
    'viewed',
    'shortlisted',
    'interview',
    'offer',
    'rejected',
    'withdrawn',
  ];
  const targets = ['practice', 'internship', 'internship2', 'practice', 'stipend', 'internship3'];
  let count = Object.keys(s).length + Object.keys(g).length;
  for (let i = 0; i < 34; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length][FEMALE.has(first) ? 1 : 0];
    const fullName = `${first} ${last}`;
    const email = `candidate${i + 1}@demo.kemerovo-profi.ru`;
    // not demo log-ins: a random password each, so the published demo password opens only the six
    // accounts the production check knows (find-demo-password-accounts.ts)
    const password = randomBytes(18).toString('base64url');
    const { user } = await auth.api.signUpEmail({ body: { email, name: fullName, password } });
    await db().query(`update better_auth."user" set "emailVerified" = true where id = $1`, [user.id]);
    const p = await person({ id: user.id, email });
    const programme = i % 5 === 0 ? '18.03.01' : CANDIDATE_PROGRAMMES[i % CANDIDATE_PROGRAMMES.length];
    await move(p, 'register_person', {
      p_role: 'student',
      p_full_name: fullName,
      p_university_id: uni[i % 2],
      p_programme_code: programme,
      p_year_of_study: 3 + (i % 2),
      p_graduation_year: 2028 - (i % 2),
      p_consent_version: CONSENT_VERSION,
      p_ip: '127.0.0.1',
      p_user_agent: 'seed',
    });
    await resume(
      p,
      `Студент ${3 + (i % 2)} курса`,
      [SKILLS[i % SKILLS.length], SKILLS[(i + 3) % SKILLS.length]],
      '',
    );
    const target =
      programme === '18.03.01' || !targets[i % targets.length].startsWith('stipend')
        ? targets[i % targets.length]
        : 'practice';
    const id = await apply(p, target, i % 3 === 0 ? 'Прошу рассмотреть мою кандидатуру.' : '');
    count++;
    const step = steps[i % steps.length];
    // spread the application dates over the last four weeks, so waiting times look real
    await db().query(
      `update public.applications set created_at = now() - make_interval(days => $2), status_changed_at = now() - make_interval(days => $2) where id = $1`,
      [id, (i * 5) % 28],
    );
    await db().query(
      `update public.application_events set at = now() - make_interval(days => $2) where application_id = $1`,
      [id, (i * 5) % 28],
    );
    if (step === 'submitted') continue;
    if (step === 'withdrawn') {
      await move(p, 'withdraw_application', { p_id: id });
      continue;
    }
    await move(hr, 'mark_application_viewed', { p_id: id });
    if (step === 'shortlisted') await move(hr, 'shortlist_application', { p_id: id });
    if (step === 'interview')
      await move(hr, 'invite_to_interview', {
        p_id: id,
        p_at: interviewAt(2 + (i % 5)),
        p_place: 'Заводоуправление, каб. 214',
      });
    if (step === 'offer') {
      const terms = target.startsWith('practice')
        ? { start_date: days(30), end_date: days(58) }
        : target === 'stipend'
          ? { start_date: days(14), amount_per_month: 10000, months: 10 }
          : { position: 'Стажёр-технолог', start_date: days(20), pay: 30000 };
      await move(hr, 'make_offer', { p_id: id, p_terms: terms, p_answer_by: days(7) });
    }
    if (step === 'rejected')
      await move(hr, 'reject_application', { p_id: id, p_reason: 'not_matching_requirements' });
  }
  // A КемГУ student, confirmed by the demo career centre, accepted a practice offer: her placement
  // waits in the career centre's queue for its order, then for the demo employer.
  {
    const email = 'candidate-kemsu@demo.kemerovo-profi.ru';
    const fullName = 'Ирина Захарова';
    const password = randomBytes(18).toString('base64url');
    const { user } = await auth.api.signUpEmail({ body: { email, name: fullName, password } });
    await db().query(`update better_auth."user" set "emailVerified" = true where id = $1`, [user.id]);
    const p = await person({ id: user.id, email });
    await move(p, 'register_person', {
      p_role: 'student',
      p_full_name: fullName,
      p_university_id: universities['КемГУ'],
      p_programme_code: '04.03.01',
      p_year_of_study: 3,
      p_graduation_year: 2028,
      p_consent_version: CONSENT_VERSION,
      p_ip: '127.0.0.1',
      p_user_agent: 'seed',
    });
    const staff = await person(input.staff);
    await move(staff, 'set_student_enrolment', { p_profile_ids: [user.id], p_status: 'confirmed' });
    await resume(p, 'Студентка-химик, 3 курс КемГУ', ['Химический анализ', 'Лабораторная практика'], '');
    const id = await apply(p, 'practice', 'Хочу пройти практику в центральной заводской лаборатории.');
    await move(hr, 'mark_application_viewed', { p_id: id });
    await move(hr, 'make_offer', {
      p_id: id,
      p_terms: { start_date: days(21), end_date: days(49) },
      p_answer_by: days(7),
    });
    await move(p, 'accept_offer', { p_id: id });
    count++;
  }
  input.log(
    'seed',
    `отклики: ${count}, все — демо-работодателю (${count - 10} кандидатов кроме демо-студента и выпускницы); один приём ждёт подтверждения выпускницы`,
  );
  return count;
}
