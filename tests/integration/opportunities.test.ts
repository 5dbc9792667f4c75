/**
 * Opportunities end to end below the web pages: the posting operations and lifecycle functions
 * called through PostgREST with each person's own JWT (supabase-js, as the app calls them), the
 * boundary between employers, what anonymous visitors see, and the expiry warning task. A direct
 * superuser connection only arranges time (an employer verified long ago, a term about to end) and
 * looks behind the API.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opportunitySchema, type OpportunityInput } from '../../src/lib/schemas/opportunity.ts';
import { db } from '../../src/lib/server/db.ts';
import { closeOpportunity } from '../../src/lib/server/opportunities/close-opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { duplicateOpportunity } from '../../src/lib/server/opportunities/duplicate-opportunity.ts';
import { extendOpportunity } from '../../src/lib/server/opportunities/extend-opportunity.ts';
import { moderateOpportunity } from '../../src/lib/server/opportunities/moderate-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { updateOpportunity } from '../../src/lib/server/opportunities/update-opportunity.ts';
import { warnExpiringOpportunities } from '../../src/lib/server/jobs/tasks/warn-expiring-opportunities.ts';
import { loadPublicOpportunity } from '../../src/lib/server/search-page/load-opportunity.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAccount,
  createAdministrator,
  createEmployer,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

let admin: TestMember;
/** Verified 40 days ago: its postings go straight to search. */
let employerA: TestEmployer;
/** Verified just now: its postings wait for moderation during the first month. */
let employerB: TestEmployer;
/** Not verified yet: drafts only. */
let pendingEmployer: TestEmployer;
/** A colleague of employerA, arranged directly (inviting is tested in employer-invitations.test.ts). */
let colleagueA: TestPerson;

function posting(overrides: Record<string, unknown> = {}): OpportunityInput {
  return opportunitySchema.parse({
    kind: 'practice',
    title: 'Производственная практика в цехе КИПиА',
    description: 'Ищем **студентов** на практику.\n\n- наставник\n- [сайт](https://example.ru)',
    practiceType: 'industrial',
    programmeCodes: ['18.03.01', '15.03.04'],
    yearsOfStudy: ['3', '4'],
    seats: '5',
    startsOn: '2031-06-01',
    endsOn: '2031-07-15',
    districtCode: 'leninsky',
    ...overrides,
  });
}

async function draftOf(employer: TestEmployer, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await createOpportunity(
    employer.client,
    { userId: employer.id, organizationId: employer.organizationId },
    posting(overrides),
  );
  if (!created.ok) throw new Error(`черновик не создан: ${created.message}`);
  return created.id;
}

/** The row as the database holds it (no RLS). */
async function row(id: string) {
  const { rows } = await testDb().query<{
    status: string;
    title: string;
    expires_at: Date | null;
    expiry_warned_at: Date | null;
    description_html: string;
    description_markdown: string;
    organization_id: string;
    updated_at: Date;
  }>('select * from public.opportunities where id = $1', [id]);
  return rows[0];
}

const days = (n: number) => n * 86_400_000;

async function anonSees(id: string): Promise<boolean> {
  const { data, error } = await anonClient().from('opportunities').select('id').eq('id', id);
  expect(error).toBeNull();
  return (data ?? []).length === 1;
}

async function lettersTo(address: string, template: string) {
  const { rows } = await testDb().query<{ subject: string; text_body: string }>(
    `select subject, text_body from app_private.outbound_emails
      where to_address = $1 and template = $2 order by created_at`,
    [address, template],
  );
  return rows;
}

beforeAll(async () => {
  admin = await createAdministrator();
  [employerA, employerB, pendingEmployer] = await Promise.all([
    createEmployer(),
    createEmployer(),
    createEmployer(),
  ]);
  await verifyEmployer(admin, employerA.organizationId);
  await verifyEmployer(admin, employerB.organizationId);
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employerA.organizationId],
  );
  colleagueA = await createAccount('colleague');
  await testDb().query(
    `insert into public.profiles (id, role, full_name, email, email_verified)
     values ($1, 'employer_staff', $2, $3, true)`,
    [colleagueA.id, colleagueA.fullName, colleagueA.email],
  );
  await testDb().query(
    `insert into public.memberships (organization_id, profile_id, role) values ($1, $2, 'member')`,
    [employerA.organizationId, colleagueA.id],
  );
});

afterAll(async () => {
  await closeFactories();
});

describe('lifecycle', () => {
  test('a new employer: draft → moderation → approved → published, with a letter', async () => {
    const id = await draftOf(employerB);
    const draft = await row(id);
    expect(draft.status).toBe('draft');
    expect(draft.description_html).toContain('<strong>студентов</strong>');
    expect(draft.description_html).toContain('rel="nofollow noopener"');
    expect(draft.description_markdown).toContain('**студентов**');
    expect(await anonSees(id)).toBe(false);

    const published = await publishOpportunity(employerB.client, id, 45);
    expect(published).toEqual({ ok: true, status: 'moderation' });
    expect(await anonSees(id)).toBe(false);

    // Only the administration moderates.
    const self = await moderateOpportunity(employerB.client, { id, approve: true, note: null });
    expect(self.ok).toBe(false);
    expect((await row(id)).status).toBe('moderation');

    const approved = await moderateOpportunity(admin.client, { id, approve: true, note: null });
    expect(approved).toEqual({ ok: true, title: 'Производственная практика в цехе КИПиА' });
    const after = await row(id);
    expect(after.status).toBe('published');
    // The term of 45 days runs from the approval.
    expect(after.expires_at!.getTime()).toBeGreaterThan(Date.now() + days(44));
    expect(after.expires_at!.getTime()).toBeLessThan(Date.now() + days(46));
    expect(await anonSees(id)).toBe(true);
    const letters = await lettersTo(employerB.email, 'opportunity_approved');
    expect(letters.map((l) => l.subject)).toEqual([
      'Публикация «Производственная практика в цехе КИПиА» прошла модерацию — КемероVоПРОФИ',
    ]);
  });

  test('a rejection needs a reason, and the reason reaches the employer', async () => {
    const id = await draftOf(employerB, { title: 'Практика без условий' });
    await publishOpportunity(employerB.client, id, 30);
    const noReason = await moderateOpportunity(admin.client, { id, approve: false, note: null });
    expect(noReason).toMatchObject({ ok: false, field: 'note' });
    const rejected = await moderateOpportunity(admin.client, {
      id,
      approve: false,
      note: 'Не указаны условия практики',
    });
    expect(rejected.ok).toBe(true);
    expect((await row(id)).status).toBe('rejected');
    const [letter] = await lettersTo(employerB.email, 'opportunity_rejected');
    expect(letter.text_body).toContain('Причина: Не указаны условия практики');
  });

  test('an employer verified long ago publishes at once; close takes it down', async () => {
    const id = await draftOf(employerA);
    expect(await publishOpportunity(employerA.client, id, 30)).toEqual({ ok: true, status: 'published' });
    expect(await anonSees(id)).toBe(true);
    // publishing twice is refused
    expect((await publishOpportunity(employerA.client, id, 30)).ok).toBe(false);

    expect(await closeOpportunity(employerA.client, id)).toEqual({ ok: true });
    expect((await row(id)).status).toBe('closed');
    expect(await anonSees(id)).toBe(false);
  });

  test('the term is 1 to 90 days, for publishing and extending', async () => {
    const id = await draftOf(employerA);
    const tooLong = await publishOpportunity(employerA.client, id, 91);
    expect(tooLong).toMatchObject({ ok: false, field: 'days' });
    expect((await row(id)).status).toBe('draft');
    await publishOpportunity(employerA.client, id, 10);

    const refused = await extendOpportunity(employerA.client, id, 91);
    expect(refused).toMatchObject({
      ok: false,
      field: 'days',
      message: 'Продлить можно на срок от 1 до 90 дней',
    });
    const zero = await extendOpportunity(employerA.client, id, 0);
    expect(zero.ok).toBe(false);

    const extended = await extendOpportunity(employerA.client, id, 90);
    expect(extended.ok).toBe(true);
    const expires = (await row(id)).expires_at!.getTime();
    expect(expires).toBeGreaterThan(Date.now() + days(89));
    expect(expires).toBeLessThan(Date.now() + days(91));
  });

  test('duplicate makes a new draft with the same content and no dates', async () => {
    const id = await draftOf(employerA, { applyBy: '2031-05-01' });
    const copy = await duplicateOpportunity(employerA.client, id);
    expect(copy.ok).toBe(true);
    if (!copy.ok) return;
    expect(copy.id).not.toBe(id);
    const { rows } = await testDb().query(
      `select status, title, description_markdown, programme_codes, apply_by, starts_on, created_by
         from public.opportunities where id = $1`,
      [copy.id],
    );
    expect(rows[0]).toMatchObject({
      status: 'draft',
      title: 'Копия: Производственная практика в цехе КИПиА',
      programme_codes: ['18.03.01', '15.03.04'],
      apply_by: null,
      starts_on: null,
      created_by: employerA.id,
    });
    expect(rows[0].description_markdown).toContain('**студентов**');
  });

  test('an employer not verified yet writes drafts but cannot publish', async () => {
    const id = await draftOf(pendingEmployer);
    const refused = await publishOpportunity(pendingEmployer.client, id, 30);
    expect(refused).toMatchObject({
      ok: false,
      status: 403,
      message: 'Публиковать можно после проверки организации администрацией',
    });
    expect((await row(id)).status).toBe('draft');
  });

  test('update keeps the kind: a form of another kind finds no posting', async () => {
    const id = await draftOf(employerA);
    const asVacancy = opportunitySchema.parse({
      kind: 'vacancy',
      title: 'Инженер КИПиА',
      employmentType: 'full',
      isRemote: 'on',
    });
    expect(await updateOpportunity(employerA.client, id, asVacancy)).toMatchObject({
      ok: false,
      status: 404,
    });
    const changed = await updateOpportunity(
      employerA.client,
      id,
      posting({ title: 'Преддипломная практика', practiceType: 'pre_diploma', description: '' }),
    );
    expect(changed).toEqual({ ok: true });
    const after = await row(id);
    expect(after.title).toBe('Преддипломная практика');
    expect(after.description_html).toBe('');
  });

  test('a programme code outside the classifier is refused by the database, by field', async () => {
    const created = await createOpportunity(
      employerA.client,
      { userId: employerA.id, organizationId: employerA.organizationId },
      posting({ programmeCodes: ['18.03.99'] }),
    );
    expect(created).toMatchObject({ ok: false, field: 'programmeCodes' });
  });
});

describe('employer A cannot touch employer B’s postings', () => {
  let draftB: string;
  let publishedB: string;

  beforeAll(async () => {
    draftB = await draftOf(employerB, { title: 'Черновик работодателя Б' });
    publishedB = await draftOf(employerB, { title: 'Опубликованная практика Б' });
    await publishOpportunity(employerB.client, publishedB, 30);
    await moderateOpportunity(admin.client, { id: publishedB, approve: true, note: null });
  });

  test('update and delete see no rows, and the rows stay as they were', async () => {
    const before = await row(draftB);
    const updated = await employerA.client
      .from('opportunities')
      .update({ title: 'Взломано работодателем А' })
      .in('id', [draftB, publishedB])
      .select('id');
    expect(updated.error).toBeNull();
    expect(updated.data).toEqual([]);
    const viaOperation = await updateOpportunity(
      employerA.client,
      draftB,
      posting({ title: 'Взломано снова' }),
    );
    expect(viaOperation).toMatchObject({ ok: false, status: 404 });

    // Postings are deleted only through delete_opportunity(): a DELETE of the table is refused.
    const deleted = await employerA.client.from('opportunities').delete().eq('id', draftB).select('id');
    expect(deleted.error?.code).toBe('42501');
    expect(await row(draftB)).toEqual(before);
    expect((await row(publishedB)).title).toBe('Опубликованная практика Б');
  });

  test('the lifecycle functions refuse: publish, close, extend, duplicate', async () => {
    const before = [await row(draftB), await row(publishedB)];
    for (const result of [
      await publishOpportunity(employerA.client, draftB, 30),
      await closeOpportunity(employerA.client, publishedB),
      await extendOpportunity(employerA.client, publishedB, 90),
      await duplicateOpportunity(employerA.client, publishedB),
    ]) {
      expect(result).toMatchObject({ ok: false, status: 403, message: 'Публикация не найдена' });
    }
    expect([await row(draftB), await row(publishedB)]).toEqual(before);
    const { rows } = await testDb().query<{ n: number }>(
      `select count(*)::int as n from public.opportunities where organization_id = $1 and title like 'Копия:%'`,
      [employerB.organizationId],
    );
    expect(rows[0].n).toBe(0);
  });

  test('a draft cannot be planted in another organization, nor published by insert', async () => {
    const planted = await employerA.client
      .from('opportunities')
      .insert({ organization_id: employerB.organizationId, kind: 'internship', title: 'Чужая стажировка' })
      .select('id');
    expect(planted.error).not.toBeNull();
    const direct = await employerA.client
      .from('opportunities')
      .insert({
        organization_id: employerA.organizationId,
        kind: 'internship',
        title: 'Сразу в поиск',
        // lifecycle columns are not granted: only the functions set them
        ...({ status: 'published' } as object),
      })
      .select('id');
    expect(direct.error).not.toBeNull();
  });

  test('A sees its own drafts and B’s published posting, not B’s draft', async () => {
    const { data } = await employerA.client.from('opportunities').select('id').in('id', [draftB, publishedB]);
    expect(data?.map((r) => r.id)).toEqual([publishedB]);
  });
});

describe('what anonymous visitors see', () => {
  test('only published, unexpired postings of verified employers', async () => {
    const draft = await draftOf(employerA);
    const published = await draftOf(employerA);
    await publishOpportunity(employerA.client, published, 30);
    const expired = await draftOf(employerA);
    await publishOpportunity(employerA.client, expired, 30);
    await testDb().query(
      `update public.opportunities set expires_at = now() - interval '1 minute' where id = $1`,
      [expired],
    );
    const inModeration = await draftOf(employerB);
    await publishOpportunity(employerB.client, inModeration, 30);

    const { data, error } = await anonClient()
      .from('opportunities')
      .select('id')
      .in('id', [draft, published, expired, inModeration]);
    expect(error).toBeNull();
    expect(data?.map((r) => r.id)).toEqual([published]);

    // anon writes nothing
    const write = await anonClient()
      .from('opportunities')
      .update({ title: 'Аноним был здесь' })
      .eq('id', published);
    expect(write.error).not.toBeNull();
    expect((await row(published)).title).toBe('Производственная практика в цехе КИПиА');
    const rpc = await anonClient().rpc('close_opportunity', { p_id: published });
    expect(rpc.error).not.toBeNull();
  });
});

describe('contacts on the posting page', () => {
  test('the page of a published posting shows its contacts to anon and to a signed-in person', async () => {
    const contacts = {
      contactName: 'Ирина Петрова',
      contactEmail: 'practice.kipia@example.test',
      contactPhone: '+7 (3842) 45-67-89',
    };
    const published = await draftOf(employerA, contacts);
    await publishOpportunity(employerA.client, published, 30);
    for (const client of [anonClient(), employerB.client]) {
      const page = await loadPublicOpportunity(client, published);
      expect(page?.contact_name).toBe(contacts.contactName);
      expect(page?.contact_email).toBe(contacts.contactEmail);
      expect(page?.contact_phone).toBe(contacts.contactPhone);
    }
    // the column itself stays closed to anon (tests/integration/rls.test.ts)
    const bulk = await anonClient().from('opportunities').select('contact_email');
    expect(bulk.error?.code).toBe('42501');
  });
});

describe('expiry warnings', () => {
  test('every member gets one letter with the extend link, and never twice', async () => {
    const soon = await draftOf(employerA, { title: 'Практика, срок которой истекает' });
    const later = await draftOf(employerA, { title: 'Практика на долгий срок' });
    await publishOpportunity(employerA.client, soon, 30);
    await publishOpportunity(employerA.client, later, 30);
    await testDb().query(
      `update public.opportunities set expires_at = now() + interval '3 days' where id = $1`,
      [soon],
    );

    const appUrl = 'http://kemerovo-profi.test';
    expect(await warnExpiringOpportunities(db(), appUrl)).toBeGreaterThanOrEqual(1);
    expect((await row(soon)).expiry_warned_at).not.toBeNull();
    expect((await row(later)).expiry_warned_at).toBeNull();
    for (const member of [employerA, colleagueA]) {
      const letters = (await lettersTo(member.email, 'opportunity_expiring')).filter((l) =>
        l.subject.includes('Практика, срок которой истекает'),
      );
      expect(letters).toHaveLength(1);
      expect(letters[0].text_body).toContain(`${appUrl}/employer/opportunities/${soon}/extend`);
    }

    await warnExpiringOpportunities(db(), appUrl);
    const again = (await lettersTo(colleagueA.email, 'opportunity_expiring')).filter((l) =>
      l.subject.includes('Практика, срок которой истекает'),
    );
    expect(again).toHaveLength(1);

    // Extending clears the mark: the next term gets its own warning.
    await extendOpportunity(employerA.client, soon, 30);
    expect((await row(soon)).expiry_warned_at).toBeNull();
  });
});
