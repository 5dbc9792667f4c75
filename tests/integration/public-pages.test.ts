/**
 * What the public pages keep in the process or skip asking for (issue 10 item 21), held to what the
 * database says: the landing page's counts and the universities list come from process caches that
 * this process's own changes clear at once, and an anonymous visitor's refusal on a posting page is
 * worked out without application_refusal() — in the same words.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { anonymousRefusal } from '../../src/lib/server/applications/load-apply-block.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { decideEmployerVerification } from '../../src/lib/server/organizations/decide-employer-verification.ts';
import { closeOpportunity } from '../../src/lib/server/opportunities/close-opportunity.ts';
import { updateOrganization } from '../../src/lib/server/organizations/update-organization.ts';
import { loadUniversities } from '../../src/lib/server/reference.ts';
import { loadEmployerPage } from '../../src/lib/server/search-page/load-employer-page.ts';
import { loadPublicCounts } from '../../src/lib/server/search-page/load-public-count.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createUniversity,
  createUniversityStaff,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
} from '../factories/people.ts';

let admin: TestMember;
let employer: TestEmployer;

beforeAll(async () => {
  admin = await createAdministrator();
  employer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
  // verified long ago: postings go straight to search, no moderation
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employer.organizationId],
  );
});

afterAll(async () => {
  await closeFactories();
});

async function vacancy(title = 'Вакансия для проверки публичных страниц'): Promise<string> {
  const input = opportunitySchema.parse({
    kind: 'vacancy',
    title,
    description: 'Описание',
    districtCode: 'leninsky',
    employmentType: 'full',
  });
  const created = await createOpportunity(
    employer.client,
    { userId: employer.id, organizationId: employer.organizationId },
    input,
  );
  if (!created.ok) throw new Error(`публикация не создана: ${created.message}`);
  const published = await publishOpportunity(employer.client, created.id, 30);
  if (!published.ok || published.status !== 'published') throw new Error('публикация не опубликована');
  return created.id;
}

describe("an anonymous visitor's refusal on a public posting", () => {
  // apply_by relative to Kemerovo's today, as the database sees it; null: no apply-by date
  for (const [name, days] of [
    ['no apply-by date', null],
    ['apply-by in a week', 7],
    ['apply-by today (still open)', 0],
    ['apply-by yesterday', -1],
    ['apply-by a month ago', -30],
  ] as const) {
    test(`${name}: the same words as application_refusal()`, async () => {
      const id = await vacancy();
      const { rows } = await testDb().query<{ apply_by: string | null }>(
        `update public.opportunities
            set apply_by = case when $2::int is null then null
                                else (now() at time zone 'Asia/Novokuznetsk')::date + $2::int end
          where id = $1
          returning to_char(apply_by, 'YYYY-MM-DD') as apply_by`,
        [id, days],
      );
      const { data, error } = await anonClient().rpc('application_refusal', { p_opportunity_id: id });
      expect(error).toBeNull();
      expect(anonymousRefusal(rows[0].apply_by)).toBe(data);
    });
  }
});

describe('process caches of the public pages', () => {
  test("the landing page's counts are what anon counts, and verifying an employer here counts it at once", async () => {
    const count = async (kind: 'employer' | 'university') => {
      const { count: n } = await anonClient()
        .from('organizations')
        .select('id', { count: 'exact', head: true })
        .eq('kind', kind)
        .eq('verification_status', 'verified');
      return n;
    };
    const before = await loadPublicCounts();
    expect(before.employers).toBe(await count('employer'));
    expect(before.universities).toBe(await count('university'));

    const newcomer = await createEmployer();
    const decided = await decideEmployerVerification(admin.client, {
      organizationId: newcomer.organizationId,
      decision: 'verified',
      note: null,
    });
    expect(decided.ok).toBe(true);
    const after = await loadPublicCounts();
    expect(after.employers).toBe(await count('employer'));
    expect(after.employers).toBeGreaterThan(before.employers);
  });

  test('a university renamed through this process shows under its new name at once', async () => {
    const universityId = await createUniversity(admin);
    const staff = await createUniversityStaff(admin, universityId);
    const label = async () => (await loadUniversities()).find((u) => u.value === universityId)?.label;
    expect(await label()).toBeDefined(); // the list is in the process now

    const name = `Кемеровский тестовый университет ${Date.now()}`;
    const renamed = await updateOrganization(staff.client, universityId, {
      name,
      shortName: null,
      industryCode: null,
      districtCode: 'leninsky',
      address: null,
      website: null,
      description: null,
    });
    expect(renamed).toEqual({ ok: true });
    expect(await label()).toBe(name);
  });
});

describe('the public employer page', () => {
  test('its open postings come with the employer in one request: published, unexpired, newest first', async () => {
    const older = await vacancy('Старшая вакансия');
    const newer = await vacancy('Новая вакансия');
    const closed = await vacancy('Закрытая вакансия');
    expect(await closeOpportunity(employer.client, closed)).toEqual({ ok: true });
    const expired = await vacancy('Истёкшая вакансия');
    await testDb().query(
      `update public.opportunities
          set published_at = now() - interval '2 hours', expires_at = now() - interval '1 minute'
        where id = $1`,
      [expired],
    );
    await testDb().query(
      `update public.opportunities set published_at = now() - interval '1 hour' where id = $1`,
      [older],
    );

    const page = await loadEmployerPage(anonClient(), employer.organizationId);
    expect(page?.employer).toMatchObject({ id: employer.organizationId, name: employer.organizationName });
    expect(page?.employer).not.toHaveProperty('opportunities');
    const { data: expected } = await anonClient()
      .from('opportunities')
      .select('id')
      .eq('organization_id', employer.organizationId)
      .eq('status', 'published')
      .gt('expires_at', new Date().toISOString())
      .order('published_at', { ascending: false });
    const ids = page?.postings.map((p) => p.id);
    expect(ids).toEqual(expected?.map((p) => p.id));
    expect(ids).toContain(newer);
    expect(ids?.indexOf(newer)).toBeLessThan(ids?.indexOf(older) ?? -1);
    expect(ids).not.toContain(closed);
    expect(ids).not.toContain(expired);
  });

  test('an employer waiting for verification has no public page', async () => {
    const pending = await createEmployer();
    expect(await loadEmployerPage(anonClient(), pending.organizationId)).toBeNull();
  });
});
