/**
 * The bulk loader of `npm run seed:bulk` against the real schema: 2 000 generated opportunities go
 * in with triggers off, and every one of them is a row the table's constraints, reference checks
 * and public visibility accept — while no search-index job is queued for them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EMPLOYERS, UNIVERSITIES } from '../../scripts/lib/demo-organizations.ts';
import {
  insertBulkOpportunities,
  renderParagraphs,
  type GeneratorEmployer,
  type GeneratorUniversity,
} from '../../scripts/lib/opportunity-generator.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { closeTestDb, testDb } from '../factories/db.ts';
import { validInn10 } from '../factories/inn.ts';

const COUNT = 2000;
const employers: GeneratorEmployer[] = [];
const universities: GeneratorUniversity[] = [];
let employerIds: string[] = [];

async function insertOrganization(values: {
  kind: 'employer' | 'university';
  name: string;
  short_name?: string;
  industry_code?: string;
  district_code: string;
}): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { rows } = await testDb().query<{ id: string }>(
        `insert into public.organizations (kind, name, short_name, inn, industry_code, district_code,
                                           verification_status, verified_at)
         values ($1, $2, $3, $4, $5, $6, 'verified', now()) returning id`,
        [
          values.kind,
          values.name,
          values.short_name ?? null,
          values.kind === 'employer' ? validInn10() : null,
          values.industry_code ?? null,
          values.district_code,
        ],
      );
      return rows[0].id;
    } catch (err) {
      // a random ИНН may already belong to an organization of another test
      if ((err as { code?: string }).code !== '23505' || attempt > 5) throw err;
    }
  }
}

beforeAll(async () => {
  // one employer of every industry of the demo list, and the six universities
  const seen = new Set<string>();
  for (const [name, industry, district] of EMPLOYERS) {
    if (seen.has(industry) && industry !== 'C' && industry !== 'Q') continue;
    seen.add(industry);
    const id = await insertOrganization({
      kind: 'employer',
      name,
      industry_code: industry,
      district_code: district,
    });
    employers.push({ id, name, industry_code: industry, district_code: district });
  }
  for (const u of UNIVERSITIES) {
    const id = await insertOrganization({
      kind: 'university',
      name: u.name,
      short_name: u.short,
      district_code: u.district,
    });
    universities.push({ id, short_name: u.short });
  }
  employerIds = employers.map((e) => e.id);
});

afterAll(async () => {
  // The rows were never indexed: remove them the same way, without queuing delete jobs.
  const client = await testDb().connect();
  try {
    await client.query('set session_replication_role = replica');
    await client.query('delete from public.opportunities where organization_id = any($1::uuid[])', [
      employerIds,
    ]);
    await client.query('set session_replication_role = origin');
    await client.query('delete from public.organizations where id = any($1::uuid[])', [
      [...employerIds, ...universities.map((u) => u.id)],
    ]);
  } finally {
    client.release();
  }
  await closeTestDb();
});

describe('insertBulkOpportunities', () => {
  let progress: number[] = [];
  let jobsBefore = 0;

  test('inserts the requested number of published opportunities in batches, reporting progress', async () => {
    const { rows } = await testDb().query<{ n: number }>(
      `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'index_opportunity'`,
    );
    jobsBefore = rows[0].n;
    const result = await insertBulkOpportunities(testDb(), COUNT, {
      status: 'published',
      batch: 500,
      employers,
      universities,
      onProgress: (done) => progress.push(done),
    });
    expect(result.inserted).toBe(COUNT);
    progress = progress.sort((a, b) => a - b);
    expect(progress).toEqual([500, 1000, 1500, 2000]);

    const counts = await testDb().query<{ status: string; n: number }>(
      `select status, count(*)::int as n from public.opportunities
        where organization_id = any($1::uuid[]) group by status`,
      [employerIds],
    );
    expect(counts.rows).toEqual([{ status: 'published', n: COUNT }]);
  });

  test('writes only rows the schema accepts: real programmes and universities, expiry, search vector', async () => {
    const { rows } = await testDb().query<Record<string, number>>(
      `select
         count(*) filter (where exists (select from unnest(o.programme_codes) c
                                         where not exists (select from public.programmes p where p.code = c)))::int
           as unknown_programmes,
         count(*) filter (where exists (select from unnest(o.university_ids) u
                                         where not exists (select from public.organizations g
                                                            where g.id = u and g.kind = 'university')))::int
           as unknown_universities,
         count(*) filter (where o.district_code is not null
                            and not exists (select from public.districts d where d.code = o.district_code))::int
           as unknown_districts,
         count(*) filter (where o.expires_at <= now() or o.published_at > now())::int as bad_dates,
         count(*) filter (where o.search_vector is null or o.search_vector = ''::tsvector)::int as no_vector,
         count(*) filter (where o.kind = 'practice' and cardinality(o.programme_codes) = 0)::int as bad_practice,
         count(*) filter (where o.kind = 'target_agreement' and o.work_years_after is null)::int as bad_target,
         count(*) filter (where o.kind = 'stipend' and o.pay_from is null)::int as bad_stipend,
         count(*) filter (where o.description_markdown <> o.description_text)::int as markdown_differs,
         count(distinct o.organization_id)::int as employers,
         count(distinct o.kind)::int as kinds
       from public.opportunities o
       where o.organization_id = any($1::uuid[])`,
      [employerIds],
    );
    expect(rows[0]).toEqual({
      unknown_programmes: 0,
      unknown_universities: 0,
      unknown_districts: 0,
      bad_dates: 0,
      no_vector: 0,
      bad_practice: 0,
      bad_target: 0,
      bad_stipend: 0,
      markdown_differs: 0,
      employers: employers.length,
      kinds: 5,
    });
  });

  test('derives the same sanitized HTML in SQL as the generator does in TypeScript', async () => {
    const { rows } = await testDb().query<{ description_text: string; description_html: string }>(
      `select description_text, description_html from public.opportunities
        where organization_id = any($1::uuid[]) order by id limit 200`,
      [employerIds],
    );
    expect(rows).toHaveLength(200);
    for (const r of rows) {
      expect(r.description_html).toBe(renderParagraphs(r.description_text.split('\n\n')).html);
    }
  });

  test('queues no index job and leaves the pooled sessions with triggers on again', async () => {
    const { rows } = await testDb().query<{ n: number }>(
      `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'index_opportunity'`,
    );
    expect(rows[0].n).toBe(jobsBefore);
    const roles = await Promise.all(
      [0, 1, 2, 3].map(() =>
        testDb().query<{ role: string }>(`select current_setting('session_replication_role') as role`),
      ),
    );
    expect(roles.map((r) => r.rows[0].role)).toEqual(['origin', 'origin', 'origin', 'origin']);
  });

  test('the rows are public through PostgREST like any published posting', async () => {
    const { count, error } = await anonClient()
      .from('opportunities')
      .select('id', { count: 'exact', head: true })
      .in('organization_id', employerIds);
    expect(error).toBeNull();
    expect(count).toBe(COUNT);
  });

  test('refuses to run without employers', async () => {
    await expect(insertBulkOpportunities(testDb(), 10, { employers: [], universities })).rejects.toThrow(
      /работодател/,
    );
  });
});
