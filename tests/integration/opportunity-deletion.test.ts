/**
 * Deleting postings: only a draft (or a posting rejected by moderation that was never public), only
 * by its own employer, through delete_opportunity() called with each person's own JWT. A posting
 * that was ever public stays, because the city's indicators count it. A direct superuser
 * connection only arranges time and looks behind the API.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { closeOpportunity } from '../../src/lib/server/opportunities/close-opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { deleteOpportunity } from '../../src/lib/server/opportunities/delete-opportunity.ts';
import { moderateOpportunity } from '../../src/lib/server/opportunities/moderate-opportunity.ts';
import { publishOpportunity } from '../../src/lib/server/opportunities/publish-opportunity.ts';
import { meiliClient, OPPORTUNITIES_INDEX } from '../../src/lib/server/search/client.ts';
import { ensureSearchIndex } from '../../src/lib/server/search/settings.ts';
import { syncOpportunities } from '../../src/lib/server/search/sync.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

let admin: TestMember;
/** Verified 40 days ago: publishes straight to search. */
let employerA: TestEmployer;
/** Verified just now: its postings go through moderation. */
let employerB: TestEmployer;
let student: TestPerson;

async function draftOf(employer: TestEmployer, title: string): Promise<string> {
  const created = await createOpportunity(
    employer.client,
    { userId: employer.id, organizationId: employer.organizationId },
    opportunitySchema.parse({
      kind: 'internship',
      title,
      description: 'Стажировка в отделе **АСУ ТП**.',
      districtCode: 'leninsky',
    }),
  );
  if (!created.ok) throw new Error(`черновик не создан: ${created.message}`);
  return created.id;
}

/** The row as the database holds it (no RLS), or undefined when it is gone. */
async function row(id: string) {
  const { rows } = await testDb().query<Record<string, unknown>>(
    'select * from public.opportunities where id = $1',
    [id],
  );
  return rows[0];
}

function expectPublished(result: { ok: boolean }) {
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

beforeAll(async () => {
  admin = await createAdministrator();
  [employerA, employerB] = await Promise.all([createEmployer(), createEmployer()]);
  await verifyEmployer(admin, employerA.organizationId);
  await verifyEmployer(admin, employerB.organizationId);
  await testDb().query(
    `update public.organizations set verified_at = now() - interval '40 days' where id = $1`,
    [employerA.organizationId],
  );
  student = await createStudent({ universityId: await createUniversity(admin) });
});

afterAll(async () => {
  await closeFactories();
});

describe('an employer deletes its own draft', () => {
  test('the draft is gone, and the index is told to forget it', async () => {
    const id = await draftOf(employerA, 'Стажёр-программист, черновик на удаление');
    // A stale document under this id, as if the index still held it: the deletion must clear it.
    const meili = meiliClient();
    await ensureSearchIndex(meili);
    const planted = await meili
      .index(OPPORTUNITIES_INDEX)
      .addDocuments([{ id, title: 'устаревший документ' }], { primaryKey: 'id' });
    await meili.tasks.waitForTask(planted.taskUid);

    expect(await deleteOpportunity(employerA.client, id)).toEqual({
      ok: true,
      title: 'Стажёр-программист, черновик на удаление',
    });
    expect(await row(id)).toBeUndefined();

    // The trigger of 000700 queued the index job in the same transaction as the DELETE…
    const { rows: jobs } = await testDb().query<{ key: string }>(
      `select key from graphile_worker.jobs where task_identifier = 'index_opportunity' and key = $1`,
      [`index_opportunity:${id}`],
    );
    expect(jobs).toEqual([{ key: `index_opportunity:${id}` }]);
    // …and what that job runs removes the document, since no public posting has this id.
    const synced = await syncOpportunities(testDb(), meili, [id]);
    expect(synced).toMatchObject({ upserted: 0, deleted: 1 });
    for (const taskUid of synced.taskUids) await meili.tasks.waitForTask(taskUid);
    const left = await meili
      .index(OPPORTUNITIES_INDEX)
      .getDocument(id)
      .then(
        () => 'есть',
        () => 'нет',
      );
    expect(left).toBe('нет');
  });

  test('twice is refused the second time, with a Russian message', async () => {
    const id = await draftOf(employerA, 'Черновик, удаляемый дважды');
    expect((await deleteOpportunity(employerA.client, id)).ok).toBe(true);
    expect(await deleteOpportunity(employerA.client, id)).toMatchObject({
      ok: false,
      status: 403,
      message: 'Публикация не найдена',
    });
  });
});

describe('what may not be deleted', () => {
  test("employer A cannot delete employer B's draft: the row stays as it was", async () => {
    const draftB = await draftOf(employerB, 'Черновик работодателя Б');
    const before = await row(draftB);
    expect(await deleteOpportunity(employerA.client, draftB)).toMatchObject({
      ok: false,
      status: 403,
      message: 'Публикация не найдена',
    });
    // nor around the function: the table refuses a DELETE outright
    const direct = await employerA.client.from('opportunities').delete().eq('id', draftB).select('id');
    expect(direct.error?.code).toBe('42501');
    expect(await row(draftB)).toEqual(before);
  });

  test('nor can a student, or anyone without an account', async () => {
    const draftB = await draftOf(employerB, 'Черновик, который пытаются удалить чужие');
    const before = await row(draftB);
    expect((await deleteOpportunity(student.client, draftB)).ok).toBe(false);
    const anon = await anonClient().rpc('delete_opportunity', { p_id: draftB });
    expect(anon.error).not.toBeNull();
    expect(await row(draftB)).toEqual(before);
  });

  test('a published, closed or expired posting of its own stays: it can only be closed', async () => {
    const published = await draftOf(employerA, 'Опубликованная стажировка А');
    expectPublished(await publishOpportunity(employerA.client, published, 30));
    const closed = await draftOf(employerA, 'Закрытая стажировка А');
    expectPublished(await publishOpportunity(employerA.client, closed, 30));
    expect((await closeOpportunity(employerA.client, closed)).ok).toBe(true);
    const expired = await draftOf(employerA, 'Истёкшая стажировка А');
    expectPublished(await publishOpportunity(employerA.client, expired, 30));
    await testDb().query(
      `update public.opportunities set status = 'expired', expires_at = now() - interval '1 day' where id = $1`,
      [expired],
    );

    for (const [id, status] of [
      [published, 'published'],
      [closed, 'closed'],
      [expired, 'expired'],
    ]) {
      const before = await row(id);
      expect(before.status).toBe(status);
      expect(await deleteOpportunity(employerA.client, id)).toEqual({
        ok: false,
        field: 'form',
        status: 400,
        message: 'Удалить можно только черновик; опубликованную публикацию можно снять с публикации',
      });
      const direct = await employerA.client.from('opportunities').delete().eq('id', id).select('id');
      expect(direct.error?.code).toBe('42501');
      expect(await row(id)).toEqual(before);
    }
  });

  test('a posting waiting for moderation stays too', async () => {
    const id = await draftOf(employerB, 'Практика на модерации');
    expect(await publishOpportunity(employerB.client, id, 30)).toEqual({ ok: true, status: 'moderation' });
    const before = await row(id);
    expect((await deleteOpportunity(employerB.client, id)).ok).toBe(false);
    expect(await row(id)).toEqual(before);
  });
});

describe('rejected by moderation', () => {
  test('never public: the employer may delete it', async () => {
    const id = await draftOf(employerB, 'Стажировка, отклонённая с первого раза');
    await publishOpportunity(employerB.client, id, 30);
    expect(
      (await moderateOpportunity(admin.client, { id, approve: false, note: 'Нет условий стажировки' })).ok,
    ).toBe(true);
    expect(await row(id)).toMatchObject({ status: 'rejected', ever_published: false });
    expect((await deleteOpportunity(employerB.client, id)).ok).toBe(true);
    expect(await row(id)).toBeUndefined();
  });

  test('once public, then rejected on a second round: it stays', async () => {
    const id = await draftOf(employerB, 'Стажировка, опубликованная и отклонённая позже');
    await publishOpportunity(employerB.client, id, 30);
    expect((await moderateOpportunity(admin.client, { id, approve: true, note: null })).ok).toBe(true);
    expect((await closeOpportunity(employerB.client, id)).ok).toBe(true);
    expect(await publishOpportunity(employerB.client, id, 30)).toEqual({ ok: true, status: 'moderation' });
    await moderateOpportunity(admin.client, { id, approve: false, note: 'Устаревшие условия' });
    const before = await row(id);
    // published_at no longer tells: the rejection cleared it
    expect(before).toMatchObject({ status: 'rejected', published_at: null, ever_published: true });
    expect((await deleteOpportunity(employerB.client, id)).ok).toBe(false);
    expect(await row(id)).toEqual(before);
  });

  test('nobody clears the mark of having been public through the API', async () => {
    const id = await draftOf(employerA, 'Стажировка с отметкой публикации');
    await publishOpportunity(employerA.client, id, 30);
    const update = await employerA.client
      .from('opportunities')
      .update({ ever_published: false })
      .eq('id', id)
      .select('id');
    expect(update.error?.code).toBe('42501');
    expect((await row(id)).ever_published).toBe(true);
  });
});

describe('the approval letter', () => {
  test("links to the posting's public page as well as to the employer's list", async () => {
    const id = await draftOf(employerB, 'Стажировка, которую одобрят');
    await publishOpportunity(employerB.client, id, 30);
    expect((await moderateOpportunity(admin.client, { id, approve: true, note: null })).ok).toBe(true);
    const { rows } = await testDb().query<{ text_body: string }>(
      `select text_body from app_private.outbound_emails
        where to_address = $1 and template = 'opportunity_approved' and subject like '%Стажировка, которую одобрят%'`,
      [employerB.email],
    );
    expect(rows).toHaveLength(1);
    const appUrl = process.env.ORIGIN ?? '';
    expect(rows[0].text_body).toContain(`${appUrl}/opportunities/${id}`);
    expect(rows[0].text_body).toContain(`${appUrl}/employer/opportunities`);
  });
});
