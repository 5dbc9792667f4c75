import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parseSearchParams } from '../../src/lib/schemas/search.ts';
import { startWorker, type WorkerHandle } from '../../src/lib/server/jobs/runner.ts';
import { meiliClient, OPPORTUNITIES_INDEX } from '../../src/lib/server/search/client.ts';
import { loadPublicVersions } from '../../src/lib/server/search/document.ts';
import { searchOpportunities } from '../../src/lib/server/search/search.ts';
import { loadIndexedVersions } from '../../src/lib/server/search/sync.ts';
import type { OpportunityDocument, SearchResult } from '../../src/lib/server/search/types.ts';
import { anonClient, type Supabase } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  verifyEmployer,
  type TestEmployer,
} from '../factories/people.ts';

/**
 * Search end to end against the stack of global-setup.ts: the worker runs in this process with
 * every task, the crontab and the Meilisearch watcher, exactly as `npm run worker` does.
 */

let worker: WorkerHandle;
let employer: TestEmployer;
let anon: Supabase;
const meili = () => meiliClient();

const search = (query: string, deps: Partial<Parameters<typeof searchOpportunities>[1]> = {}) =>
  searchOpportunities(parseSearchParams(new URLSearchParams(query)), { supabase: anon, ...deps });

async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  throw new Error(`${what}: не дождались за ${timeoutMs} мс; последнее значение ${JSON.stringify(last)}`);
}

const hitIds = (r: SearchResult) => r.hits.map((h) => h.id);

interface PostingInput {
  title: string;
  kind?: string;
  description?: string;
  district?: string | null;
  remote?: boolean;
  paid?: boolean;
  payFrom?: number | null;
  payTo?: number | null;
  programmes?: string[];
  years?: number[];
  schedule?: string | null;
  industry?: string;
}

/** A published posting of the test employer, inserted directly (the trigger queues its index job). */
async function insertPublished(p: PostingInput): Promise<string> {
  const kind = p.kind ?? 'vacancy';
  const programmes = p.programmes ?? (kind === 'practice' || kind === 'target_agreement' ? ['09.03.01'] : []);
  const { rows } = await testDb().query<{ id: string }>(
    `insert into public.opportunities (organization_id, kind, status, title, description_text, description_html,
        industry_code, district_code, is_remote, is_paid, pay_from, pay_to, programme_codes, years_of_study,
        schedule, work_years_after, contact_name, contact_email, contact_phone, address, published_at, expires_at)
     values ($1, $2, 'published', $3, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
             'Ирина Контактова', 'kontakt.lichnyi@example.test', '+7 3842 11-22-33', 'ул. Весенняя, 5',
             now(), now() + interval '30 days')
     returning id`,
    [
      employer.organizationId,
      kind,
      p.title,
      p.description ?? 'Работа в дружной команде предприятия, наставник и обучение.',
      p.industry ?? 'J',
      p.district === undefined ? 'tsentralny' : p.district,
      p.remote ?? false,
      p.paid ?? (kind === 'stipend' || p.payFrom != null),
      kind === 'stipend' ? (p.payFrom ?? 10000) : (p.payFrom ?? null),
      p.payTo ?? null,
      programmes,
      p.years ?? [],
      p.schedule ?? null,
      kind === 'target_agreement' ? 3 : null,
    ],
  );
  return rows[0].id;
}

const isIndexed = (id: string) =>
  meili()
    .index(OPPORTUNITIES_INDEX)
    .getDocument(id)
    .then(
      () => true,
      () => false,
    );

beforeAll(async () => {
  anon = anonClient();
  const admin = await createAdministrator();
  employer = await createEmployer({ industryCode: 'J' });
  await verifyEmployer(admin, employer.organizationId);
  // verified long ago: its postings are published without moderation
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employer.organizationId],
  );
  worker = await startWorker(process.env.DATABASE_URL!, { pollInterval: 200, concurrency: 4 });
  // the watcher creates the index and applies the settings as soon as Meilisearch answers
  await eventually(
    'индекс создан',
    () =>
      meili()
        .index(OPPORTUNITIES_INDEX)
        .getSettings()
        .then((s) => s.synonyms ?? {})
        .catch(() => ({})),
    (s) => 'айти' in s,
    60_000,
  );
  // and has finished its first reconciliation (nothing left in Meilisearch's queue)
  await eventually(
    'очередь Meilisearch пуста',
    () => meili().tasks.getTasks({ statuses: ['enqueued', 'processing'] }),
    (t) => t.results.length === 0,
    60_000,
  );
});

afterAll(async () => {
  await worker?.stop();
  await closeFactories();
});

describe('search', () => {
  test('a posting published by an employer is found within seconds, with a typo too', async () => {
    const { data: draft, error } = await employer.client
      .from('opportunities')
      .insert({
        organization_id: employer.organizationId,
        kind: 'internship',
        title: 'Программист-стажёр в отдел цифровизации',
        description_text: 'Стажировка для студентов: разработка внутренних сервисов предприятия.',
        description_html: '<p>Стажировка для студентов: разработка внутренних сервисов предприятия.</p>',
        industry_code: 'J',
        district_code: 'leninsky',
        contact_email: 'hr.lichnyi@example.test',
      })
      .select('id')
      .single();
    expect(error).toBeNull();
    const id = draft!.id;
    const { data: status, error: publishError } = await employer.client.rpc('publish_opportunity', {
      p_id: id,
      p_days: 30,
    });
    expect(publishError).toBeNull();
    expect(status).toBe('published');

    const found = await eventually(
      'публикация в поиске',
      () => search('q=программист&kind=internship'),
      (r) => hitIds(r).includes(id),
    );
    expect(found.degraded).toBe(false);
    const hit = found.hits.find((h) => h.id === id)!;
    expect(hit.titleHighlighted).toContain('<mark>');
    expect(hit.organizationName).toBe(employer.organizationName);

    const typo = await search('q=прграммист&kind=internship');
    expect(hitIds(typo)).toContain(id);
  });

  test('a misspelt word is corrected: the same postings in the same order as spelt right', async () => {
    const ids = await Promise.all([
      insertPublished({ title: 'Гидрогеолог' }),
      insertPublished({ title: 'Ведущий гидрогеолог рудника', kind: 'internship' }),
      insertPublished({ title: 'Бондарь на участок дубовых бочек' }),
      insertPublished({ title: 'Медицинская сестра палатная' }),
    ]);
    await eventually(
      'в индексе',
      () => Promise.all(ids.map(isIndexed)),
      (v) => v.every(Boolean),
    );

    const right = await search('q=гидрогеолог');
    expect(right.correction).toBeNull();
    const typo = await search('q=гидрогиолог');
    expect(typo.correction).toEqual({ query: 'гидрогеолог' });
    expect(hitIds(typo)).toEqual(hitIds(right));
    expect(hitIds(typo).slice(0, 2)).toEqual([ids[0], ids[1]]);
    expect(typo.hits[0].titleHighlighted).toBe('<mark>Гидрогеолог</mark>');
    // the filters apply to the corrected search too
    expect(hitIds(await search('q=гидрогиолог&kind=internship'))).toEqual([ids[1]]);

    // «as typed»: no correction, Meilisearch's own typo tolerance still finds both
    const exact = await search('q=гидрогиолог&exact=1');
    expect(exact.correction).toBeNull();
    expect(new Set(hitIds(exact))).toEqual(new Set([ids[0], ids[1]]));

    // the first two letters swapped in a short word: Meilisearch finds nothing, the app does
    expect(hitIds(await search('q=обндарь&exact=1'))).toEqual([]);
    const swapped = await search('q=обндарь');
    expect(swapped.correction).toEqual({ query: 'бондарь' });
    expect(hitIds(swapped)).toEqual([ids[2]]);

    // another form of a synonyms-list word: Meilisearch applies synonyms only to the listed form
    expect(hitIds(await search('q=медсестры&exact=1'))).toEqual([]);
    const form = await search('q=медсестры');
    expect(form.correction).toEqual({ query: 'медсестра' });
    expect(hitIds(form)).toContain(ids[3]);

    // nothing near: nothing found and nothing claimed
    const none = await search('q=щъыьэ');
    expect(none.correction).toBeNull();
    expect(none.total).toBe(0);
  });

  test('remote work is found by the word «удалённо» and its kin, not only by the filter', async () => {
    const remote = await insertPublished({ title: 'Оператор чата поддержки', district: null, remote: true });
    const onSite = await insertPublished({ title: 'Оператор чата на проходной' });
    await eventually(
      'в индексе',
      () => Promise.all([remote, onSite].map(isIndexed)),
      (v) => v.every(Boolean),
    );
    for (const q of ['удаленно', 'удалённо', 'удалёнка', 'дистанционно']) {
      const found = hitIds(await search(`q=${encodeURIComponent(q)}`));
      expect(found, q).toContain(remote);
      expect(found, q).not.toContain(onSite);
    }
    // with other words: the remote one first (Meilisearch drops the last words to find more)
    expect(hitIds(await search(`q=${encodeURIComponent('оператор чата удаленно')}`))[0]).toBe(remote);
  });

  test('synonyms: "айти" finds an "ИТ" posting, "медик" a "врач" one', async () => {
    const it = await insertPublished({ title: 'Стажёр ИТ-отдела угольной компании', kind: 'internship' });
    const doctor = await insertPublished({ title: 'Врач-терапевт здравпункта шахты', industry: 'Q' });
    await eventually('в индексе', async () => (await isIndexed(it)) && (await isIndexed(doctor)), Boolean);
    expect(hitIds(await search('q=айти'))).toContain(it);
    expect(hitIds(await search('q=медик'))).toContain(doctor);
  });

  test('filters and facet counts on a known set', async () => {
    // "ксилограф" appears only in these postings
    const ids = await Promise.all([
      insertPublished({ title: 'Ксилограф-стажёр', kind: 'internship', district: 'leninsky', years: [2, 3] }),
      insertPublished({
        title: 'Ксилограф на практику',
        kind: 'practice',
        district: 'leninsky',
        programmes: ['09.03.01', '18.03.01'],
        years: [3],
      }),
      insertPublished({
        title: 'Ксилограф в мастерскую',
        kind: 'vacancy',
        district: 'zavodsky',
        payFrom: 40000,
        payTo: 60000,
        schedule: 'shift',
      }),
      insertPublished({
        title: 'Ксилограф удалённо',
        kind: 'vacancy',
        district: null,
        remote: true,
        payFrom: 30000,
      }),
    ]);
    await eventually(
      'в индексе',
      () => Promise.all(ids.map(isIndexed)),
      (v) => v.every(Boolean),
    );

    const all = await search('q=ксилограф');
    expect(all.total).toBe(4);
    expect(all.facets.kind).toEqual({ internship: 1, practice: 1, vacancy: 2 });
    expect(all.facets.district_code).toEqual({ leninsky: 2, zavodsky: 1 });
    expect(all.facets.is_remote).toEqual({ false: 3, true: 1 });
    expect(all.facets.programme_groups).toEqual({ '09.00.00': 1, '18.00.00': 1 });
    expect(all.facets.years_of_study).toEqual({ '2': 1, '3': 2 });
    expect(all.facets.is_paid).toEqual({ false: 2, true: 2 });
    expect(all.facets.schedule).toEqual({ shift: 1 });

    expect(new Set(hitIds(await search('q=ксилограф&kind=vacancy')))).toEqual(new Set([ids[2], ids[3]]));
    const leninsky = await search('q=ксилограф&district=leninsky');
    expect(new Set(hitIds(leninsky))).toEqual(new Set([ids[0], ids[1]]));
    expect(leninsky.facets.kind).toEqual({ internship: 1, practice: 1 });
    // districts and "remote" together: in these districts or remote
    expect(new Set(hitIds(await search('q=ксилограф&district=zavodsky&remote=1')))).toEqual(
      new Set([ids[2], ids[3]]),
    );
    expect(hitIds(await search('q=ксилограф&field=18.00.00'))).toEqual([ids[1]]);
    // a posting open to every year (empty list) suits a 3rd-year student
    expect(new Set(hitIds(await search('q=ксилограф&year=3')))).toEqual(
      new Set([ids[0], ids[1], ids[2], ids[3]]),
    );
    expect(new Set(hitIds(await search('q=ксилограф&year=2')))).toEqual(new Set([ids[0], ids[2], ids[3]]));
    expect(hitIds(await search('q=ксилограф&pay_min=50000'))).toEqual([ids[2]]);
    expect(hitIds(await search('q=ксилограф&sort=pay'))[0]).toBe(ids[2]);

    // the Postgres fallback gives the same counts
    const dead = new Meilisearch({ host: 'http://127.0.0.1:9', timeout: 300 });
    const degraded = await search('q=ксилограф', { meili: dead });
    expect(degraded.degraded).toBe(true);
    expect(degraded.total).toBe(4);
    for (const facet of [
      'kind',
      'district_code',
      'is_remote',
      'programme_groups',
      'years_of_study',
      'is_paid',
    ])
      expect(degraded.facets[facet], facet).toEqual(all.facets[facet]);
    expect(new Set(hitIds(await search('q=ксилограф&district=leninsky', { meili: dead })))).toEqual(
      new Set([ids[0], ids[1]]),
    );
  });

  test('multi-word queries: a kind word filters by kind, every other word must match (issue 10 item 7)', async () => {
    const ids = await Promise.all([
      insertPublished({ title: 'Программист-стажёр отдела АСУ', kind: 'internship' }),
      insertPublished({
        title: 'Врач-педиатр детской поликлиники',
        kind: 'internship',
        description: 'Стажировка для студентов медицинского университета, программа наставничества.',
        industry: 'Q',
      }),
      insertPublished({ title: 'Программист в отдел АСУ', kind: 'vacancy' }),
      insertPublished({ title: 'Химик-технолог цеха аммиака', kind: 'practice' }),
      insertPublished({
        title: 'Механик цеха на производственную практику',
        kind: 'practice',
        description: 'Практика для студентов: ремонт насосов и компрессоров.',
      }),
      insertPublished({ title: 'Химик лаборатории', kind: 'vacancy', description: 'Практика не нужна.' }),
    ]);
    await eventually(
      'в индексе',
      () => Promise.all(ids.map(isIndexed)),
      (v) => v.every(Boolean),
    );
    const [
      programmerIntern,
      paediatrician,
      programmerVacancy,
      chemistPractice,
      mechanicPractice,
      chemistVacancy,
    ] = ids;

    const interns = await search(`q=${encodeURIComponent('стажировка программист')}`);
    expect(interns.kinds).toEqual(['internship']);
    expect(hitIds(interns)).toContain(programmerIntern);
    expect(hitIds(interns)).not.toContain(paediatrician);
    expect(hitIds(interns)).not.toContain(programmerVacancy);
    expect(interns.facets.kind).toEqual({ internship: interns.total });

    const chemistry = await search(`q=${encodeURIComponent('практика химия')}`);
    expect(chemistry.kinds).toEqual(['practice']);
    expect(hitIds(chemistry)).toContain(chemistPractice);
    expect(hitIds(chemistry)).not.toContain(mechanicPractice);
    expect(hitIds(chemistry)).not.toContain(chemistVacancy);
    expect(chemistry.relaxed).toBe(false);

    // every word of the query must match: «химия» alone does not bring «практика» postings
    const both = await search(`q=${encodeURIComponent('механик насосов')}&exact=1`);
    expect(hitIds(both)).toEqual([mechanicPractice]);
    expect(both.kinds).toEqual([]);

    // searched as typed: the kind word is text again
    const asTyped = await search(`q=${encodeURIComponent('практика химия')}&exact=1`);
    expect(asTyped.kinds).toEqual([]);
    expect(hitIds(asTyped)).toContain(chemistVacancy);

    // no posting has every word: the ones with some of them, and the page says so
    const some = await search(`q=${encodeURIComponent('химик аммиака ньюфаундленд')}`);
    expect(some.relaxed).toBe(true);
    expect(hitIds(some)[0]).toBe(chemistPractice);
  });

  test('wrong keyboard layout, transliteration and tech words (issue 10 items 8, 9)', async () => {
    const ids = await Promise.all([
      insertPublished({ title: 'Программист баз данных' }),
      insertPublished({ title: 'Разработчик Python в отдел данных' }),
      insertPublished({ title: 'Backend-разработчик Java' }),
      insertPublished({ title: 'SMM-менеджер сети кофеен' }),
      insertPublished({ title: 'Программист 1С: Бухгалтерия' }),
      insertPublished({ title: 'Frontend-разработчик интернет-магазина' }),
      insertPublished({ title: 'Бухгалтер расчётного отдела' }),
    ]);
    await eventually(
      'в индексе',
      () => Promise.all(ids.map(isIndexed)),
      (v) => v.every(Boolean),
    );
    const [programmer, python, java, smm, oneC, frontend, accountant] = ids;

    // the English layout left on
    const layout = await search('q=ghjuhfvvbcn');
    expect(layout.correction).toEqual({ query: 'программист' });
    expect(hitIds(layout)).toEqual(hitIds(await search('q=программист')));
    expect(hitIds(layout)).toContain(programmer);
    expect(hitIds(await search(`q=${encodeURIComponent(',e[ufknth')}`))).toContain(accountant);
    // the Russian layout left on for a Latin word
    const python2 = await search(`q=${encodeURIComponent('знерщт')}`);
    expect(python2.correction).toEqual({ query: 'python' });
    expect(hitIds(python2)).toEqual(hitIds(await search('q=python')));
    // Latin transliteration of a Russian word
    expect(hitIds(await search('q=bukhgalter'))).toContain(accountant);

    for (const [a, b, id] of [
      ['питон', 'python', python],
      ['джава', 'java', java],
      ['смм', 'SMM', smm],
      ['1с', '1c', oneC],
      ['фронтенд', 'frontend', frontend],
      ['бэкенд', 'backend', java],
    ] as const) {
      const [x, y] = await Promise.all([
        search(`q=${encodeURIComponent(a)}`),
        search(`q=${encodeURIComponent(b)}`),
      ]);
      expect(hitIds(x), a).toContain(id);
      expect(new Set(hitIds(x)), `${a} / ${b}`).toEqual(new Set(hitIds(y)));
    }
  });

  test('a correction is the nearest whole word, never another word; ё and е rank alike (issue 10 item 10)', async () => {
    const ids = await Promise.all([
      insertPublished({ title: 'Разработчик мобильных приложений' }),
      insertPublished({ title: 'Геолог по разработке месторождений' }),
      insertPublished({ title: 'Инженер по разработке карьеров' }),
      insertPublished({ title: 'Маркшейдер по разработке угольных пластов' }),
      insertPublished({ title: 'Стажёр-геодезист изыскательской партии' }),
      insertPublished({ title: 'Стажер геодезист на полевой сезон' }),
    ]);
    await eventually(
      'в индексе',
      () => Promise.all(ids.map(isIndexed)),
      (v) => v.every(Boolean),
    );
    const typo = await search(`q=${encodeURIComponent('разработчек')}`);
    expect(typo.correction).toEqual({ query: 'разработчик' });
    expect(hitIds(typo)).toEqual(hitIds(await search(`q=${encodeURIComponent('разработчик')}`)));
    expect(hitIds(typo)).toContain(ids[0]);

    const withYo = await search(`q=${encodeURIComponent('стажёр геодезист')}`);
    const withE = await search(`q=${encodeURIComponent('стажер геодезист')}`);
    expect(hitIds(withYo)).toEqual(hitIds(withE));
    expect(hitIds(withYo).slice(0, 2).sort()).toEqual([ids[4], ids[5]].sort());
  });

  test('stored HTML is never injected into highlights', async () => {
    const id = await insertPublished({
      title: 'Гравёр <script>alert(1)</script> стажёр',
      description: 'Гравёр работает <img src=x onerror=alert(1)> в цехе.',
    });
    await eventually('в индексе', () => isIndexed(id), Boolean);
    const hit = (await search('q=гравёр')).hits.find((h) => h.id === id)!;
    expect(hit.titleHighlighted).not.toContain('<script>');
    expect(hit.titleHighlighted).toContain('&lt;script&gt;');
    expect(hit.snippetHighlighted).not.toContain('<img');
    expect(hit.titleHighlighted).toMatch(/<mark>Гравёр<\/mark>/);
  });

  test('an expired posting leaves search at once and the index after the expiry job', async () => {
    const id = await insertPublished({ title: 'Стеклодув на сезонную работу' });
    await eventually(
      'в поиске',
      () => search('q=стеклодув'),
      (r) => hitIds(r).includes(id),
    );
    // 31 days on, its 30-day term is over: the query-time filter hides it though it is still indexed
    const later = () => Date.now() + 31 * 86_400_000;
    expect(hitIds(await search('q=стеклодув', { now: later }))).not.toContain(id);
    expect(await isIndexed(id)).toBe(true);

    // the term runs out as time passes, with no change event: no index job is queued for it
    const client = await testDb().connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(
        `update public.opportunities set expires_at = now() - interval '1 minute' where id = $1`,
        [id],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    await testDb().query(`select graphile_worker.add_job('expire_opportunities', '{}'::json)`);
    await eventually(
      'удалена из индекса',
      () => isIndexed(id),
      (v) => !v,
    );
    const { rows } = await testDb().query('select status from public.opportunities where id = $1', [id]);
    expect(rows[0].status).toBe('expired');
    expect(hitIds(await search('q=стеклодув'))).not.toContain(id);
  });

  test('no personal data in the index', async () => {
    const { results } = await meili()
      .index(OPPORTUNITIES_INDEX)
      .getDocuments<OpportunityDocument>({
        filter: `organization_id = "${employer.organizationId}"`,
        limit: 100,
      });
    expect(results.length).toBeGreaterThan(3);
    const allowed = new Set([
      'id',
      'kind',
      'title',
      'description',
      'organization_id',
      'organization_name',
      'industry_code',
      'industry_name',
      'district_code',
      'district_name',
      'is_remote',
      'work_format',
      'programme_codes',
      'programme_names',
      'programme_groups',
      'university_ids',
      'years_of_study',
      'is_paid',
      'pay_from',
      'pay_to',
      'pay_max',
      'schedule',
      'apply_by',
      'apply_by_ts',
      'published_at_ts',
      'expires_at_ts',
      'updated_at_ts',
    ]);
    for (const doc of results) {
      expect(Object.keys(doc).filter((k) => !allowed.has(k))).toEqual([]);
      const text = JSON.stringify(doc);
      // the phone as written ("3842" alone also occurs in the digits of a timestamp)
      expect(text).not.toMatch(/lichnyi|Контактова|3842 11-22-33|11-22-33|Весенняя/);
    }
  });

  test('Meilisearch unreachable: Postgres answers, degraded, and still forgives a typo', async () => {
    const id = await insertPublished({ title: 'Программист АСУ ТП на обогатительную фабрику' });
    const dead = new Meilisearch({ host: 'http://127.0.0.1:9', timeout: 300 });
    const result = await search('q=прграммист обогатительная', { meili: dead });
    expect(result.degraded).toBe(true);
    expect(hitIds(result)).toContain(id);
    expect(hitIds(await search('q=прграммист', { meili: dead }))).toContain(id);
    const hit = result.hits.find((h) => h.id === id)!;
    expect(hit.titleHighlighted).toContain('<mark>');
  });
});

describe('outage', () => {
  const control = (action: 'stop' | 'start') =>
    fetch(`${inject('stackControlUrl')}/meilisearch/${action}`, { method: 'POST' }).then((r) => {
      if (!r.ok) throw new Error(`Meilisearch ${action}: ${r.status}`);
    });

  test('with Meilisearch stopped during 1 000 changes, search keeps answering and the index catches up within 60 s', async () => {
    const db = testDb();
    await control('stop');
    let stopSearching = false;
    let searches = 0;
    let degraded = 0;
    const failures: string[] = [];
    const searching = (async () => {
      while (!stopSearching) {
        try {
          const r = await search('q=сварщик');
          searches++;
          if (r.degraded) degraded++;
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    })();
    try {
      const ids: string[] = [];
      let changes = 0;
      // 400 inserts, then 400 edits and 200 closes, one transaction each like real use
      for (let i = 0; i < 400; i++, changes++) {
        ids.push(
          await insertPublished({
            title: `Сварщик ${i % 7 === 0 ? 'аргонодуговой сварки' : 'на монтаж'} №${i}`,
            kind: i % 3 === 0 ? 'internship' : 'vacancy',
          }),
        );
      }
      for (let i = 0; i < 400; i++, changes++) {
        await db.query(`update public.opportunities set title = $2 where id = $1`, [
          ids[i],
          `Сварщик-монтажник, смена ${i}`,
        ]);
      }
      for (let i = 0; i < 200; i++, changes++) {
        await db.query(`update public.opportunities set status = 'closed' where id = $1`, [ids[i * 2]]);
      }
      expect(changes).toBe(1000);
    } finally {
      stopSearching = true;
      await searching;
      await control('start');
    }
    expect(failures).toEqual([]);
    expect(searches).toBeGreaterThan(0);
    expect(degraded).toBe(searches);

    const started = Date.now();
    await eventually(
      'индекс равен базе',
      async () => {
        const [inIndex, inDb] = await Promise.all([loadIndexedVersions(meili()), loadPublicVersions(db)]);
        return inIndex.size === inDb.size && [...inDb].every(([id, v]) => inIndex.get(id) === v);
      },
      Boolean,
      60_000,
    );
    console.log(`индекс сравнялся с базой через ${Date.now() - started} мс после запуска Meilisearch`);
    const after = await search('q=сварщик-монтажник');
    expect(after.degraded).toBe(false);
  }, 180_000);
});
