/**
 * A fast SQL generator of the records the indicators count, for `npm run bench:indicators`: practice
 * placements, hires (employments), stipend awards, target-training agreements and their
 * outcome_events, for the students and graduates that bulk-applications.ts made (profile ids
 * `00000000-0000-4000-8000-<hex g>`, g = 1…students; every fifth a graduate). The records carry the
 * traps the rules must see through, in realistic shares: every state (cancelled, awaiting the
 * university or the person, …), dates across 2023–2025 and outside the programme period, employers
 * in Kemerovo and outside it, hires from the platform and from an imported register (register
 * people without accounts), people with several records. Triggers are off (no letter jobs);
 * deterministic for given counts.
 *
 * Also the administration and one administrator with a session, for timing the pages.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

export interface BulkOutcomesOptions {
  /** the students (and graduates) of generateBulkApplications */
  students: number;
  placements: number;
  hires: number;
  stipends: number;
  agreements: number;
  /** employers outside Kemerovo (no district), added to the generated ones */
  outsideEmployers: number;
}

export interface BulkOutcomesResult {
  administrator: { id: string; email: string; sessionToken: string };
  /** verified Kemerovo employers with their ИНН (for a register to import) */
  kemerovoEmployerInns: string[];
}

const ADMIN_EMAIL = 'bench-admin@bench.kemerovo-profi.ru';

/** A 10-digit ИНН of a legal entity with a right checksum. */
export function legalInn(seed: number): string {
  const digits = String(4_200_000_000 + (seed % 99_999_999))
    .slice(0, 9)
    .split('')
    .map(Number);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = digits.reduce((acc, d, i) => acc + d * weights[i], 0);
  return digits.join('') + String((sum % 11) % 10);
}

/** The profile id of bulk person g (1-based), as bulk-applications.ts makes it. */
const PERSON = (expr: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;

export async function generateBulkOutcomes(
  client: pg.Client | pg.PoolClient,
  options: BulkOutcomesOptions,
  log: (message: string) => void = () => {},
): Promise<BulkOutcomesResult> {
  const { students, placements, hires, stipends, agreements, outsideEmployers } = options;
  const graduates = Math.floor(students / 5);
  if (graduates < 1) throw new Error('нужно хотя бы 5 студентов: каждый пятый — выпускник');
  await client.query('begin');
  try {
    await client.query(`set local session_replication_role = replica`);

    // the indicators count only students their university confirmed: nine in ten are
    log('вузы подтвердили 9 из 10 студентов');
    await client.query(
      `update public.profiles
          set enrolment_status = case when role = 'graduate' then 'graduated'::public.enrolment_status
                                      else 'confirmed'::public.enrolment_status end,
              enrolment_changed_at = now()
        where role in ('student', 'graduate') and university_id is not null and enrolment_status = 'claimed'
          and abs(hashtext(id::text)) % 10 <> 0`,
    );

    log(`работодатели вне Кемерова: ${outsideEmployers}`);
    const outside = Array.from({ length: outsideEmployers }, (_, i) => ({
      name: `Новокузнецкое предприятие № ${i + 1}`,
      inn: legalInn(77_000_000 + i * 7919),
    }));
    await client.query(
      `insert into public.organizations (kind, name, inn, industry_code, district_code, verification_status, verified_at)
       select 'employer', r.name, r.inn, 'C', null, 'verified', now() - interval '2 years'
         from jsonb_to_recordset($1::jsonb) as r(name text, inn text)
       on conflict (inn) do nothing`,
      [JSON.stringify(outside)],
    );
    // employer numbers: Kemerovo ones (a district of the city) and the others; 85 % of records go to Kemerovo
    await client.query(
      `create temporary table bench_employers on commit drop as
       select array_agg(o.id order by o.id) filter (where d.code is not null) as kem,
              array_agg(o.id order by o.id) filter (where d.code is null) as other
         from public.organizations o left join public.districts d on d.code = o.district_code
        where o.kind = 'employer' and o.verification_status = 'verified'`,
    );
    const employerPick = (h: string) =>
      `case when ${h} % 100 < 85 or cardinality(e.other) is null then e.kem[1 + (${h} / 100) % cardinality(e.kem)]
            else e.other[1 + (${h} / 100) % cardinality(e.other)] end`;

    log(`практики: ${placements}`);
    // states: 10 % awaiting the university, 10 % cancelled, the rest confirmed and later;
    // starts from 01.01.2023 to 31.12.2025 (January 2023 and after August 2025 lie outside the period)
    await client.query(
      `insert into public.practice_placements (
         student_id, student_name, university_id, organization_id, programme_code, practice_type, year_of_study,
         starts_on, ends_on, status, order_number, order_date, employer_supervisor_name, employer_supervisor_email,
         employer_grade, university_grade, source, cancel_reason, created_at, status_changed_at, confirmed_at,
         accepted_at, started_at, completed_at, closed_at, cancelled_at)
       select p.id, p.full_name, p.university_id, x.org, p.programme_code, x.ptype, x.course,
              x.starts_on, x.starts_on + 27, x.status::public.placement_status,
              case when x.status <> 'awaiting_university' then 'Приказ № ' || g || '-с' end,
              case when x.status <> 'awaiting_university' then x.starts_on - 10 end,
              case when x.status in ('accepted_by_employer', 'in_progress', 'completed', 'closed') then 'Наставник Петров П. П.' end,
              case when x.status in ('accepted_by_employer', 'in_progress', 'completed', 'closed') then 'mentor' || g || '@bench.kemerovo-profi.ru' end,
              case when x.status in ('completed', 'closed') then 5 end,
              case when x.status = 'closed' then 5 end,
              'university',
              case when x.status = 'cancelled' then 'Студент перевёлся' end,
              x.starts_on - 30, x.starts_on,
              case when x.status not in ('awaiting_university', 'cancelled') then x.starts_on - 10 end,
              case when x.status in ('accepted_by_employer', 'in_progress', 'completed', 'closed') then x.starts_on - 5 end,
              case when x.status in ('in_progress', 'completed', 'closed') then x.starts_on end,
              case when x.status in ('completed', 'closed') then x.starts_on + 27 end,
              case when x.status = 'closed' then x.starts_on + 35 end,
              case when x.status = 'cancelled' then x.starts_on - 3 end
         from generate_series(1, $1::int) g
         cross join bench_employers e
         cross join lateral (
           select abs(hashint4(g)) as h1, abs(hashint4(g * 3 + 1)) as h2, abs(hashint4(g * 5 + 2)) as h3
         ) h
         cross join lateral (
           select ${employerPick('h.h2')} as org,
                  (array['educational','industrial','industrial','pre_diploma'])[1 + h.h3 % 4] as ptype,
                  (1 + h.h3 % 5)::smallint as course,
                  date '2023-01-01' + (h.h3 / 7) % 1096 as starts_on,
                  (array['awaiting_university','awaiting_university','cancelled','cancelled','confirmed','confirmed',
                         'accepted_by_employer','accepted_by_employer','in_progress','completed','completed','completed',
                         'completed','completed','completed','completed','completed','closed','closed','closed'])[1 + (h.h2 / 7) % 20] as status
         ) x
         join public.profiles p on p.id = ${PERSON('1 + h.h1 % $2')}`,
      [placements, students],
    );

    log(`приёмы на работу: ${hires} (из них по реестру: ${Math.floor(hires / 5)})`);
    const imported = Math.floor(hires / 5);
    const { rows: imp } = await client.query<{ id: string }>(
      `insert into public.imports (register, file_name, file_sha256, state, row_count, error_count, created_count,
                                   existing_count, imported_at, created_at)
       values ('hires', 'Трудоустройство 2023–2025 (нагрузочный тест).xlsx', $1, 'imported', $2, 0, $2, 0,
               now() - interval '30 days', now() - interval '30 days')
       returning id`,
      [createHash('sha256').update(`bench-hires-${imported}`).digest('hex'), imported],
    );
    const importId = imp[0].id;
    // people of the imported register: no accounts (unmatched), each with one hire
    await client.query(
      `insert into public.register_people (full_name, birth_date, university_id, programme_code, graduation_year,
                                           first_import_id, created_at)
       select (array['Архипов','Белова','Воронин','Галкина','Дорохов','Ефимова','Жданов','Зимина'])[1 + g % 8] || ' ' ||
              (array['Артём','Вера','Глеб','Дарья','Кирилл','Ксения','Олег','Таисия','Яков'])[1 + (g / 8) % 9] || ' Реестровый-' || g,
              date '1999-01-01' + g % 2000, u.ids[1 + g % cardinality(u.ids)],
              pr.codes[1 + g % cardinality(pr.codes)], (2022 + g % 4)::smallint, $2, now() - interval '30 days'
         from generate_series(1, $1::int) g
         cross join (select array_agg(id order by id) ids from public.organizations where kind = 'university') u
         cross join (select array_agg(code order by code) codes from public.programmes where level = 'bachelor') pr`,
      [imported, importId],
    );
    // platform hires: graduates (one in three hired twice, at another employer), 70 % confirmed by
    // both sides, 20 % awaiting the graduate, 10 % cancelled; imported hires: confirmed by their document
    await client.query(
      `with rp as (select row_number() over (order by id) as n, id from public.register_people where first_import_id = $3)
       insert into public.employments (person_id, register_person_id, organization_id, position, start_date,
                                       document_kind, document_number, document_date, status, source,
                                       employer_confirmed_at, person_confirmed_at, cancel_reason, cancelled_at,
                                       import_id, import_row, created_at)
       select case when x.imported then null else ${PERSON('5 * (1 + h.h1 % $2)')} end,
              rp.id, x.org,
              (array['Инженер-технолог','Программист','Экономист','Горный мастер','Медицинская сестра','Лаборант-химик'])[1 + h.h3 % 6],
              x.start_date, 'order', 'Приказ № ' || g || '-к от ' || to_char(x.start_date - 3, 'DD.MM.YYYY'),
              x.start_date - 3, x.status::public.employment_status,
              case when x.imported then 'import' else 'platform' end,
              x.start_date - 3,
              case when x.status = 'confirmed' and not x.imported then x.start_date + 2 end,
              case when x.status = 'cancelled' then 'Выпускник не вышел на работу' end,
              case when x.status = 'cancelled' then x.start_date + 5 end,
              case when x.imported then $3::uuid end,
              case when x.imported then g - ($1 - $4) + 1 end,
              x.start_date - 3
         from generate_series(1, $1::int) g
         cross join bench_employers e
         cross join lateral (
           select abs(hashint4(g * 7 + 3)) as h1, abs(hashint4(g * 11 + 4)) as h2, abs(hashint4(g * 13 + 5)) as h3
         ) h
         cross join lateral (
           select g > $1 - $4 as imported,
                  ${employerPick('h.h2')} as org,
                  date '2023-01-01' + (h.h3 / 7) % 1096 as start_date,
                  case when g > $1 - $4 then 'confirmed'
                       else (array['confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','confirmed',
                                   'awaiting_confirmation','awaiting_confirmation','cancelled'])[1 + (h.h2 / 11) % 10] end as status
         ) x
         left join rp on x.imported and rp.n = g - ($1 - $4)`,
      [hires, graduates, importId, imported],
    );

    log(`стипендии: ${stipends}`);
    await client.query(
      `insert into public.stipend_awards (student_id, student_name, university_id, organization_id, amount_per_month,
                                          months, starts_on, order_number, status, cancel_reason, created_at,
                                          confirmed_at, finished_at, cancelled_at)
       select p.id, p.full_name, p.university_id, x.org, 5000 + (h.h3 % 20) * 1000, x.months, x.starts_on,
              case when x.status <> 'awaiting_university' then 'Приказ № ' || g || '-ст' end,
              x.status::public.stipend_status,
              case when x.status = 'cancelled' then 'Отчислен' end,
              x.starts_on - 14,
              case when x.status in ('active', 'finished') then x.starts_on - 7 end,
              case when x.status = 'finished' then x.starts_on + make_interval(months => x.months) end,
              case when x.status = 'cancelled' then x.starts_on + 20 end
         from generate_series(1, $1::int) g
         cross join bench_employers e
         cross join lateral (
           select abs(hashint4(g * 17 + 6)) as h1, abs(hashint4(g * 19 + 7)) as h2, abs(hashint4(g * 23 + 8)) as h3
         ) h
         cross join lateral (
           select ${employerPick('h.h2')} as org,
                  (1 + h.h3 % 12)::smallint as months,
                  (date '2022-09-01' + make_interval(months => (h.h3 / 13) % 40))::date as starts_on,
                  (array['awaiting_university','active','active','active','finished','finished','finished','finished',
                         'finished','cancelled'])[1 + (h.h2 / 7) % 10] as status
         ) x
         join public.profiles p on p.id = ${PERSON('1 + h.h1 % $2')}`,
      [stipends, students],
    );

    log(`договоры о целевом обучении: ${agreements}`);
    // 60 % in force (most with the move in outcome_events, some without: counted from creation),
    // 25 % awaiting signatures, 15 % terminated
    await client.query(
      `insert into public.target_agreements (student_id, student_name, university_id, organization_id, programme_code,
                                             work_years, status, agreement_number, agreement_date, employer_signed_at,
                                             student_signed_at, university_signed_at, in_force_at, terminated_at,
                                             cancel_reason, created_at)
       select p.id, p.full_name, p.university_id, x.org, p.programme_code, (3 + h.h3 % 4)::smallint,
              x.status::public.target_agreement_status,
              case when x.status <> 'awaiting_signatures' then 'ЦО-' || g end,
              case when x.status <> 'awaiting_signatures' then x.created_at::date end,
              case when x.status <> 'awaiting_signatures' then x.created_at + interval '1 day' end,
              case when x.status <> 'awaiting_signatures' then x.created_at + interval '3 days' end,
              case when x.status <> 'awaiting_signatures' then x.created_at + interval '10 days' end,
              case when x.status <> 'awaiting_signatures' then x.created_at + interval '10 days' end,
              case when x.status = 'terminated' then x.created_at + interval '200 days' end,
              case when x.status = 'terminated' then 'Расторгнут по соглашению сторон' end,
              x.created_at
         from generate_series(1, $1::int) g
         cross join bench_employers e
         cross join lateral (
           select abs(hashint4(g * 29 + 9)) as h1, abs(hashint4(g * 31 + 10)) as h2, abs(hashint4(g * 37 + 11)) as h3
         ) h
         cross join lateral (
           select ${employerPick('h.h2')} as org,
                  timestamptz '2023-01-10 10:00+07' + make_interval(days => (h.h3 / 7) % 1080) as created_at,
                  (array['in_force','in_force','in_force','in_force','in_force','in_force','in_force','in_force',
                         'in_force','in_force','in_force','in_force','awaiting_signatures','awaiting_signatures',
                         'awaiting_signatures','awaiting_signatures','awaiting_signatures','terminated','terminated',
                         'terminated'])[1 + (h.h2 / 7) % 20] as status
         ) x
         join public.profiles p on p.id = ${PERSON('1 + h.h1 % $2')}`,
      [agreements, students],
    );

    log('история записей (outcome_events)');
    await client.query(
      `insert into public.outcome_events (record_type, record_id, actor_id, at, from_status, to_status, note)
       select 'practice_placement', id, null::uuid, created_at, null::text, 'awaiting_university', null::text from public.practice_placements
       union all
       select 'practice_placement', id, null, coalesce(cancelled_at, confirmed_at), 'awaiting_university',
              case when status = 'cancelled' then 'cancelled' else 'confirmed' end, null
         from public.practice_placements where status <> 'awaiting_university'
       union all
       select 'employment', id, null, created_at, null,
              case when source = 'import' then 'confirmed' else 'awaiting_confirmation' end,
              case when source = 'import' then 'импорт реестра' end
         from public.employments
       union all
       select 'employment', id, person_id, coalesce(person_confirmed_at, cancelled_at), 'awaiting_confirmation', status::text, null
         from public.employments where source = 'platform' and status <> 'awaiting_confirmation'
       union all
       select 'stipend_award', id, null, created_at, null, 'awaiting_university', null from public.stipend_awards
       union all
       select 'stipend_award', id, null, coalesce(confirmed_at, cancelled_at), 'awaiting_university',
              case when status = 'cancelled' then 'cancelled' else 'active' end, null
         from public.stipend_awards where status <> 'awaiting_university'
       union all
       select 'target_agreement', id, null, created_at, null, 'awaiting_signatures', null from public.target_agreements
       union all
       -- one in ten agreements in force has no recorded move (counted from its creation)
       select 'target_agreement', id, null, in_force_at, 'awaiting_signatures', 'in_force', null
         from public.target_agreements where in_force_at is not null and abs(hashtext(agreement_number)) % 10 <> 0`,
    );

    log('администратор');
    const { rows: administration } = await client.query<{ id: string }>(
      `insert into public.organizations (kind, name, short_name, verification_status, verified_at)
       values ('administration', 'Управление экономического развития администрации города Кемерово',
               'УЭР администрации г. Кемерово', 'verified', now())
       returning id`,
    );
    const { rows: user } = await client.query<{ id: string }>(
      `insert into better_auth."user" (name, email, "emailVerified", "createdAt", "updatedAt")
       values ('Администратор нагрузочного теста', $1, true, now(), now()) returning id`,
      [ADMIN_EMAIL],
    );
    const adminId = user[0].id;
    await client.query(`select app_private.make_administrator($1, $2, $3)`, [
      adminId,
      'Администратор нагрузочного теста',
      administration[0].id,
    ]);
    const sessionToken = randomBytes(24).toString('base64url');
    await client.query(
      `insert into better_auth.session ("expiresAt", token, "createdAt", "updatedAt", "userId")
       values (now() + interval '1 day', $1, now(), now(), $2)`,
      [sessionToken, adminId],
    );
    const { rows: inns } = await client.query<{ inn: string }>(
      `select o.inn from public.organizations o join public.districts d on d.code = o.district_code
        where o.kind = 'employer' and o.verification_status = 'verified' and o.inn is not null order by o.inn`,
    );
    await client.query('commit');
    // what autovacuum does to freshly loaded tables: statistics, hint bits and the visibility map
    log('vacuum analyze');
    for (const table of [
      'organizations',
      'practice_placements',
      'employments',
      'register_people',
      'stipend_awards',
      'target_agreements',
      'outcome_events',
    ]) {
      await client.query(`vacuum analyze public.${table}`);
    }
    return {
      administrator: { id: adminId, email: ADMIN_EMAIL, sessionToken },
      kemerovoEmployerInns: inns.map((r) => r.inn),
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  }
}
