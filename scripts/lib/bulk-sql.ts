/**
 * A fast SQL generator of many realistic opportunities for benchmarks (`npm run bench:search`,
 * `npm run bench:index`): verified employers weighted like Kemerovo's economy and postings whose
 * titles and descriptions are composed from Russian word lists, all by generate_series inside
 * Postgres. Deterministic for a given count. Triggers are off during the insert (no 200 000 index
 * jobs): rebuild the index afterwards with a full reindex.
 */
import type pg from 'pg';

/** [title, ОКВЭД section, programme groups (УГСН) the role fits] */
const ROLES: [string, string, string[]][] = [
  ['Программист 1С', 'J', ['09']],
  ['Разработчик Python', 'J', ['09', '02']],
  ['Frontend-разработчик', 'J', ['09']],
  ['Тестировщик программного обеспечения', 'J', ['09']],
  ['Системный администратор', 'J', ['09', '11']],
  ['Специалист по информационной безопасности', 'J', ['10']],
  ['Аналитик данных', 'J', ['09', '01', '38']],
  ['Инженер связи', 'J', ['11']],
  ['Горный инженер', 'B', ['21']],
  ['Маркшейдер', 'B', ['21']],
  ['Геолог', 'B', ['21', '05']],
  ['Механик участка', 'B', ['15', '21']],
  ['Инженер по охране труда', 'B', ['20']],
  ['Электромеханик шахты', 'B', ['13', '21']],
  ['Обогатитель угля', 'B', ['21', '18']],
  ['Инженер-химик', 'C', ['18', '04']],
  ['Химик-технолог', 'C', ['18']],
  ['Лаборант химического анализа', 'C', ['18', '04']],
  ['Инженер-технолог', 'C', ['15', '22']],
  ['Инженер-конструктор', 'C', ['15']],
  ['Металлург', 'C', ['22']],
  ['Инженер по качеству', 'C', ['27', '15']],
  ['Эколог предприятия', 'C', ['19', '20']],
  ['Инженер-энергетик', 'D', ['13']],
  ['Электромонтёр', 'D', ['13']],
  ['Теплотехник', 'D', ['13']],
  ['Инженер водоснабжения', 'E', ['08', '20']],
  ['Инженер-строитель', 'F', ['08']],
  ['Архитектор', 'F', ['07']],
  ['Сметчик', 'F', ['08', '38']],
  ['Прораб', 'F', ['08']],
  ['Менеджер по продажам', 'G', ['38']],
  ['Товаровед', 'G', ['38']],
  ['Логист', 'H', ['23', '38']],
  ['Инженер по эксплуатации транспорта', 'H', ['23']],
  ['Администратор гостиницы', 'I', ['43']],
  ['Технолог общественного питания', 'I', ['19', '43']],
  ['Бухгалтер', 'K', ['38']],
  ['Экономист', 'K', ['38']],
  ['Финансовый аналитик', 'K', ['38']],
  ['Юрист', 'M', ['40']],
  ['Инженер-проектировщик', 'M', ['08', '13']],
  ['Научный сотрудник лаборатории', 'M', ['04', '06', '03']],
  ['Специалист по кадрам', 'N', ['38', '37']],
  ['Специалист администрации района', 'O', ['38', '40']],
  ['Учитель математики', 'P', ['44']],
  ['Педагог дополнительного образования', 'P', ['44']],
  ['Врач-терапевт', 'Q', ['31']],
  ['Медицинская сестра', 'Q', ['34']],
  ['Фармацевт', 'Q', ['33']],
  ['Психолог', 'Q', ['37']],
  ['Инструктор по спорту', 'R', ['49']],
  ['Агроном', 'A', ['35']],
  ['Ветеринарный врач', 'A', ['36']],
  ['Журналист', 'J', ['42']],
  ['Переводчик', 'M', ['45']],
];

const QUALIFIERS = [
  '',
  '',
  ' (стажёр)',
  ' — стажировка',
  ' для выпускника',
  ', молодой специалист',
  ' на производственную практику',
  ' в отдел развития',
  ' на преддипломную практику',
  ' (целевое обучение)',
];

const INTROS = [
  'Крупное предприятие Кузбасса приглашает студентов и выпускников вузов Кемерова.',
  'Мы — одна из ведущих компаний региона и растём каждый год.',
  'Команда предприятия ищет молодых специалистов, готовых учиться и развиваться.',
  'Приглашаем присоединиться к команде, которая работает на экономику Кемерова.',
  'Наша компания сотрудничает с университетами Кузбасса и помогает выпускникам начать карьеру.',
];
const DUTIES = [
  'Вы будете участвовать в реальных проектах под руководством опытного наставника.',
  'Задачи: подготовка технической документации, расчёты, контроль выполнения работ.',
  'Вы освоите современное оборудование и программное обеспечение предприятия.',
  'Предстоит анализировать данные, готовить отчёты и предлагать улучшения процессов.',
  'Работа на объектах предприятия, взаимодействие со смежными службами.',
  'Участие в пусконаладочных работах, модернизации и внедрении новых технологий.',
];
const REQUIREMENTS = [
  'Ждём студентов старших курсов профильных направлений.',
  'Опыт работы не обязателен, важны желание учиться и ответственность.',
  'Будет плюсом знание английского языка и уверенная работа с компьютером.',
  'Требуется базовое понимание отраслевых стандартов и техники безопасности.',
  'Приветствуются участники олимпиад, научных конференций и студенческих проектов.',
];
const CONDITIONS = [
  'Предлагаем официальное оформление, наставничество и возможность трудоустройства после практики.',
  'Оплачиваемая стажировка, компенсация проезда, корпоративное питание.',
  'Гибкий график для студентов, возможность совмещать с учёбой.',
  'Социальный пакет, корпоративное обучение, карьерный рост внутри компании.',
  'Предоставляем общежитие иногородним, медицинскую страховку и спортивные программы.',
];

const EMPLOYER_NAMES = [
  'Кузбассразрезуголь',
  'Азот',
  'Кокс',
  'Кемеровский механический завод',
  'Кузбассэнерго',
  'Сибирская генерирующая компания',
  'Кемеровохиммаш',
  'Кузбасский технопарк',
  'СДС-Уголь',
  'Химпром',
  'Кемеровский хлебокомбинат',
  'Кузбасская электросетевая компания',
  'Горводоканал',
  'Кемеровская областная клиническая больница',
  'Кузбасский кардиоцентр',
  'Сибирский деловой союз',
  'Кемеровский мясокомбинат',
  'Кузбасслегпром',
  'Кемеровский ДСК',
  'Промстрой',
  'Кузбассдорстрой',
  'Транспортная компания Сибирь',
  'Кузбасс Телеком',
  'ИТ-Парк Кемерово',
  'Банк Кузбасский',
  'Юридическое бюро Право',
  'Проектный институт Кузбассгипрошахт',
  'Агрохолдинг Кузбасс',
  'Гостиница Кузбасс',
  'Спортивная школа олимпийского резерва',
];
/** ОКВЭД sections weighted like the city's economy (mining, chemistry, energy, trade, ...) */
const EMPLOYER_INDUSTRIES = 'BBBBBCCCCCCDDDEFFFGGGHHJJJKKMMNOPQQQRAI';

function innWithChecksum(seed: number): string {
  const d = String(4200000000 + ((seed * 7919) % 99_999_999))
    .slice(0, 9)
    .split('')
    .map(Number);
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const s = d.reduce((acc, x, i) => acc + x * w[i], 0);
  return d.join('') + String((s % 11) % 10);
}

/**
 * Inserts `employers` verified employers (names `… №k` when the list runs out) and `count`
 * published postings spread over them; returns the employer ids. Runs in one transaction.
 */
export async function generateBulkOpportunities(
  client: pg.Client | pg.PoolClient,
  count: number,
  options: { employers?: number } = {},
): Promise<{ employerIds: string[] }> {
  const employers = options.employers ?? 300;
  await client.query('begin');
  try {
    // no per-row triggers (index jobs, updated_at): the caller rebuilds the index at once
    await client.query(`set local session_replication_role = replica`);
    const rows = Array.from({ length: employers }, (_, i) => ({
      name: `${EMPLOYER_NAMES[i % EMPLOYER_NAMES.length]}${i >= EMPLOYER_NAMES.length ? ` №${Math.floor(i / EMPLOYER_NAMES.length) + 1}` : ''}`,
      inn: innWithChecksum(i + 1 + Math.floor(Math.random() * 1e6) * 1000),
      industry: EMPLOYER_INDUSTRIES[i % EMPLOYER_INDUSTRIES.length],
      n: i,
    }));
    const { rows: orgs } = await client.query<{ id: string }>(
      `insert into public.organizations (kind, name, inn, industry_code, district_code, verification_status, verified_at, created_at)
       select 'employer', r.name, r.inn, r.industry,
              (array['zavodsky','kirovsky','leninsky','rudnichny','tsentralny'])[1 + (r.n % 5)],
              'verified', now() - interval '200 days', now() - interval '1 year'
         from jsonb_to_recordset($1::jsonb) as r(name text, inn text, industry text, n int)
       on conflict (inn) do nothing
       returning id`,
      [JSON.stringify(rows)],
    );
    const employerIds = orgs.map((o) => o.id);
    await client.query(
      `with roles as (select r.title, r.industry, r.groups, r.n
                        from jsonb_to_recordset($2::jsonb) as r(title text, industry text, groups text[], n int)),
            emp as (select array_agg(id order by id) as ids from unnest($3::uuid[]) id),
            unis as (select coalesce(array_agg(id order by id), '{}') as ids from public.organizations where kind = 'university'),
            progs as (select left(code, 2) as grp, array_agg(code order by code) as codes
                        from public.programmes group by 1),
            dist as (select array_agg(code order by sort_order) as codes from public.districts),
            g as (select g, hashint4(g) as h, abs(hashint4(g * 31 + 7)) as h2 from generate_series(1, $1::int) g),
            pick as (
              select g.g, g.h, g.h2, r.title, r.industry, r.groups,
                     (array['internship','internship','practice','practice','vacancy','vacancy','vacancy','stipend','target_agreement'])[1 + g.h2 % 9] as kind
                from g join roles r on r.n = abs(g.h) % (select count(*) from roles)
            )
       insert into public.opportunities (
         organization_id, kind, status, title, description_text, description_html, industry_code, district_code,
         is_remote, apply_by, programme_codes, university_ids, years_of_study, is_paid, pay_from, pay_to, schedule,
         seats, work_years_after, published_at, expires_at, created_at, updated_at)
       select e.ids[1 + p.h2 % cardinality(e.ids)],
              p.kind::public.opportunity_kind,
              'published',
              p.title || ($4::text[])[1 + (p.h2 / 7) % cardinality($4::text[])],
              d.text, '<p>' || d.text || '</p>',
              p.industry,
              case when p.h2 % 10 = 0 then null else dist.codes[1 + (p.h2 / 3) % cardinality(dist.codes)] end,
              p.h2 % 10 = 0,
              case when p.h2 % 3 = 0 then null else current_date + 7 + (p.h2 / 11) % 120 end,
              case when p.kind in ('practice', 'target_agreement') or p.h2 % 2 = 0
                   then (select array_agg(distinct pr.codes[1 + (p.h2 / (5 + k)) % cardinality(pr.codes)])
                           from unnest(p.groups) with ordinality as gr(grp, k) join progs pr on pr.grp = gr.grp)
                   else '{}' end,
              case when cardinality(u.ids) > 0 and p.h2 % 4 = 0 then array[u.ids[1 + (p.h2 / 13) % cardinality(u.ids)]] else '{}' end,
              case when p.kind in ('practice', 'internship') then array[(2 + p.h2 % 3)::smallint, (3 + p.h2 % 3)::smallint] else '{}' end,
              p.kind in ('vacancy', 'stipend') or p.h2 % 2 = 0,
              case when p.kind in ('vacancy', 'stipend') or p.h2 % 2 = 0 then 15000 + (p.h2 % 60) * 1000 end,
              case when p.kind = 'vacancy' then 15000 + (p.h2 % 60) * 1000 + 10000 + (p.h2 % 7) * 5000 end,
              (array['full_day','shift','flexible','remote','part_time'])[1 + (p.h2 / 17) % 5],
              1 + p.h2 % 10,
              case when p.kind = 'target_agreement' then (1 + p.h2 % 5)::smallint end,
              now() - make_interval(secs => p.h2 % (60 * 86400)),
              now() + make_interval(days => 5 + p.h2 % 85),
              now() - make_interval(secs => p.h2 % (60 * 86400)),
              now() - make_interval(secs => p.h2 % (60 * 86400))
         from pick p
         cross join emp e cross join unis u cross join dist
         cross join lateral (
           select ($5::text[])[1 + p.h2 % cardinality($5::text[])] || ' ' || p.title || '. ' ||
                  ($6::text[])[1 + (p.h2 / 5) % cardinality($6::text[])] || ' ' ||
                  ($6::text[])[1 + (p.h2 / 7 + 1) % cardinality($6::text[])] || ' ' ||
                  ($7::text[])[1 + (p.h2 / 11) % cardinality($7::text[])] || ' ' ||
                  ($8::text[])[1 + (p.h2 / 13) % cardinality($8::text[])] as text
         ) d`,
      [
        count,
        JSON.stringify(ROLES.map(([title, industry, groups], n) => ({ title, industry, groups, n }))),
        employerIds,
        QUALIFIERS,
        INTROS,
        DUTIES,
        REQUIREMENTS,
        CONDITIONS,
      ],
    );
    await client.query('commit');
    await client.query('analyze public.opportunities');
    return { employerIds };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  }
}

/** Title words of the generator, for building benchmark queries. */
export const BULK_ROLE_TITLES = ROLES.map(([title]) => title);
