/**
 * A fast SQL generator of students and applications for `npm run bench:applications`: accounts,
 * profiles and résumés of `students` people, and `applications` applications spread over the
 * published postings, `bigEmployerApplications` of them to one employer's postings (its pipeline
 * page is what the benchmark times). Every application gets what the real apply path writes —
 * its 152-ФЗ consent, the frozen documents and a «submitted» event — plus a realistic spread of
 * later states. Triggers are off (no letter jobs for a million applications). Deterministic.
 *
 * The people of `loadStudents` get a résumé and a session but no application: the load test applies
 * with them, one fresh (person, posting) pair per request.
 */
import { SESSION_EXPIRES_IN_SECONDS } from '../../src/lib/server/auth/options.ts';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

export interface BulkApplicationsOptions {
  students: number;
  applications: number;
  bigEmployerApplications: number;
  loadStudents: number;
}

export interface BulkApplicationsResult {
  bigEmployerId: string;
  /** A member of the big employer, with a session token. */
  employerMember: { id: string; email: string; sessionToken: string };
  /** People without applications, each with a session token, for applying under load. */
  loadStudents: Array<{ id: string; sessionToken: string }>;
}

const STATES = `(array['submitted','submitted','submitted','viewed','viewed','shortlisted','interview','offer','rejected','withdrawn'])`;

export async function generateBulkApplications(
  client: pg.Client | pg.PoolClient,
  options: BulkApplicationsOptions,
  log: (message: string) => void = () => {},
): Promise<BulkApplicationsResult> {
  const { students, applications, bigEmployerApplications, loadStudents } = options;
  const total = students + loadStudents;
  await client.query('begin');
  try {
    await client.query(`set local session_replication_role = replica`);
    // the big employer: the one with the most published postings
    const { rows: big } = await client.query<{ organization_id: string }>(
      `select organization_id from public.opportunities where status = 'published'
        group by 1 order by count(*) desc, organization_id limit 1`,
    );
    const bigEmployerId = big[0].organization_id;

    log(`люди: ${total}`);
    await client.query(
      `insert into better_auth."user" (id, name, email, "emailVerified", "createdAt", "updatedAt")
       select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'Студент ' || g,
              'bench' || g || '@bench.kemerovo-profi.ru', true, now(), now()
         from generate_series(1, $1::int) g`,
      [total],
    );
    await client.query(
      `with unis as (select array_agg(id order by id) ids from public.organizations where kind = 'university'),
            progs as (select array_agg(code order by code) codes from public.programmes where level = 'bachelor')
       insert into public.profiles (id, role, full_name, email, email_verified, university_id, programme_code,
                                    year_of_study, graduation_year)
       select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
              case when g % 5 = 0 then 'graduate' else 'student' end::public.person_role,
              (array['Иванов','Петрова','Сидоров','Кузнецова','Смирнов','Попова','Волков','Лебедева'])[1 + g % 8] || ' ' ||
              (array['Алексей','Мария','Дмитрий','Анна','Иван','Полина','Никита','Софья','Егор'])[1 + (g / 8) % 9] || ' ' || g,
              'bench' || g || '@bench.kemerovo-profi.ru', true,
              u.ids[1 + g % cardinality(u.ids)], p.codes[1 + (g / 3) % cardinality(p.codes)],
              case when g % 5 = 0 then null else 1 + g % 4 end, 2026 + g % 4
         from generate_series(1, $1::int) g cross join unis u cross join progs p`,
      [total],
    );
    await client.query(
      `insert into public.resumes (profile_id, headline, skills, about)
       select id, 'Ищу стажировку', array['Excel', 'Английский B1'], 'Студент, ищу первую работу.'
         from public.profiles where email like 'bench%@bench.kemerovo-profi.ru'`,
    );

    log(`отклики: ${applications} (работодателю с крупнейшей воронкой: ${bigEmployerApplications})`);
    // posting numbers: the big employer's postings first, then everyone else's
    await client.query(
      `create temporary table bench_postings on commit drop as
      select row_number() over (order by (o.organization_id = $1) desc, o.id) as n, o.id, o.organization_id, o.kind,
             (o.organization_id = $1) as big
        from public.opportunities o where o.status = 'published'`,
      [bigEmployerId],
    );
    const { rows: counts } = await client.query<{ big: number; all: number }>(
      `select count(*) filter (where big)::int as big, count(*)::int as all from bench_postings`,
    );
    const { big: bigCount, all: allCount } = counts[0];
    const otherCount = allCount - bigCount;
    // application i: the first bigEmployerApplications go to the big employer (person i, so never a
    // repeated pair), the others to everyone else's postings (person i mod students, k-th posting of
    // that person by a stride, so a person's postings are distinct)
    await client.query(
      `create temporary table bench_apps on commit drop as
       select g as i, gen_random_uuid() as id, gen_random_uuid() as consent_id,
              ('00000000-0000-4000-8000-' || lpad(to_hex(case when g <= $2 then g else 1 + (g % $1) end), 12, '0'))::uuid as applicant_id,
              case when g <= $2 then 1 + (g % $3) else $3 + 1 + ((g % $1) * 31 + (g / $1) * 7919) % $4 end as n,
              ${STATES}[1 + abs(hashint4(g)) % 10]::public.application_status as status,
              now() - make_interval(secs => abs(hashint4(g * 7)) % (120 * 86400)) as created_at
         from generate_series(1, $5::int) g`,
      [students, bigEmployerApplications, bigCount, otherCount, applications],
    );
    await client.query(
      `insert into public.data_transfer_consents (id, profile_id, organization_id, organization_name, organization_inn,
                                                  text_version, consent_text, granted_at)
       select a.id_c, a.applicant_id, p.organization_id, o.name, o.inn, 'transfer-2026-12',
              'Согласие на передачу персональных данных работодателю ' || o.name || ' (ИНН ' || o.inn || ') для рассмотрения отклика.',
              a.created_at
         from (select consent_id as id_c, applicant_id, n, created_at from bench_apps) a
         join bench_postings p on p.n = a.n join public.organizations o on o.id = p.organization_id`,
    );
    await client.query(
      `insert into public.applications (id, opportunity_id, applicant_id, organization_id, kind, applicant_name,
                                        university_id, programme_code, year_of_study, graduation_year, status,
                                        consent_id, created_at, status_changed_at, first_answer_at, rejection_reason)
       select a.id, p.id, a.applicant_id, p.organization_id, p.kind, pr.full_name, pr.university_id, pr.programme_code,
              pr.year_of_study, pr.graduation_year, a.status, a.consent_id, a.created_at,
              a.created_at + interval '2 days',
              case when a.status not in ('submitted', 'viewed', 'withdrawn') then a.created_at + interval '2 days' end,
              case when a.status = 'rejected' then 'not_matching_requirements' end
         from bench_apps a join bench_postings p on p.n = a.n join public.profiles pr on pr.id = a.applicant_id`,
    );
    await client.query(
      `insert into public.application_documents (application_id, cover_letter, resume_snapshot)
       select id, case when i % 3 = 0 then 'Прошу рассмотреть мою кандидатуру.' else '' end,
              jsonb_build_object('headline', 'Ищу стажировку', 'skills', jsonb_build_array('Excel'))
         from bench_apps`,
    );
    await client.query(
      `insert into public.application_events (application_id, actor_id, actor_side, at, from_status, to_status, notified_at)
       select id, applicant_id, 'applicant', created_at, null::public.application_status, 'submitted'::public.application_status, created_at from bench_apps
       union all
       select id, null, case when status = 'withdrawn' then 'applicant' else 'employer' end, created_at + interval '2 days',
              'submitted'::public.application_status, status, created_at + interval '2 days'
         from bench_apps where status <> 'submitted'`,
    );

    // sessions (better-auth keeps the token in the session table; the cookie carries it signed)
    const token = () => randomBytes(24).toString('base64url');
    const { rows: member } = await client.query<{ id: string; email: string }>(
      `select p.id, p.email from public.profiles p where p.email = 'bench-hr@bench.kemerovo-profi.ru'`,
    );
    let memberId = member[0]?.id;
    const memberEmail = 'bench-hr@bench.kemerovo-profi.ru';
    if (!memberId) {
      const { rows } = await client.query<{ id: string }>(
        `insert into better_auth."user" (name, email, "emailVerified", "createdAt", "updatedAt")
         values ('Кадровик нагрузочного теста', $1, true, now(), now()) returning id`,
        [memberEmail],
      );
      memberId = rows[0].id;
      await client.query(
        `insert into public.profiles (id, role, full_name, email, email_verified)
         values ($1, 'employer_staff', 'Кадровик нагрузочного теста', $2, true)`,
        [memberId, memberEmail],
      );
      await client.query(
        `insert into public.memberships (organization_id, profile_id, role) values ($1, $2, 'owner')`,
        [bigEmployerId, memberId],
      );
    }
    const memberToken = token();
    const loadTokens = Array.from({ length: loadStudents }, token);
    await client.query(
      `insert into better_auth.session ("expiresAt", token, "createdAt", "updatedAt", "userId")
       select now() + make_interval(secs => $3), t.token, now(), now(), t.user_id
         from unnest($1::text[], $2::uuid[]) as t(token, user_id)`,
      [
        [memberToken, ...loadTokens],
        [
          memberId,
          ...loadTokens.map(
            (_, j) => `00000000-0000-4000-8000-${(students + 1 + j).toString(16).padStart(12, '0')}`,
          ),
        ],
        // as fresh as a sign-in makes them: better-auth renews a session only once a day of use
        SESSION_EXPIRES_IN_SECONDS,
      ],
    );
    await client.query('commit');
    log('analyze');
    for (const table of [
      'applications',
      'application_documents',
      'application_events',
      'data_transfer_consents',
      'profiles',
    ]) {
      await client.query(`analyze public.${table}`);
    }
    return {
      bigEmployerId,
      employerMember: { id: memberId, email: memberEmail, sessionToken: memberToken },
      loadStudents: loadTokens.map((sessionToken, j) => ({
        id: `00000000-0000-4000-8000-${(students + 1 + j).toString(16).padStart(12, '0')}`,
        sessionToken,
      })),
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  }
}
