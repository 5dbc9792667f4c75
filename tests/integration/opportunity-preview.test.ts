/**
 * The preview of a posting that is not public (issue 10 item 14) is for its own organization and
 * the administration: through PostgREST with each person's JWT, nobody else gets the draft.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { loadOpportunityPreview } from '../../src/lib/server/search-page/load-opportunity.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
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
let owner: TestEmployer;
let other: TestEmployer;
let student: TestPerson;
let draftId: string;

beforeAll(async () => {
  admin = await createAdministrator();
  [owner, other] = await Promise.all([createEmployer(), createEmployer()]);
  await verifyEmployer(admin, owner.organizationId);
  await verifyEmployer(admin, other.organizationId);
  student = await createStudent({ universityId: await createUniversity(admin) });
  const created = await createOpportunity(
    owner.client,
    { userId: owner.id, organizationId: owner.organizationId },
    opportunitySchema.parse({
      kind: 'vacancy',
      title: 'Черновик вакансии для предпросмотра',
      employmentType: 'full',
      isRemote: 'on',
      programmeCodes: ['18.03.01'],
    }),
  );
  if (!created.ok) throw new Error(created.message);
  draftId = created.id;
});

afterAll(async () => {
  await closeFactories();
});

const employerPerson = (e: TestEmployer) => ({
  role: 'employer_staff' as const,
  organization: {
    id: e.organizationId,
    kind: 'employer' as const,
    name: 'Работодатель',
    verificationStatus: 'verified' as const,
    membershipRole: 'owner' as const,
  },
});

test('its organization and the administration see the draft, with programme names', async () => {
  const own = await loadOpportunityPreview(owner.client, employerPerson(owner), draftId);
  expect(own).toMatchObject({ id: draftId, status: 'draft' });
  expect(own?.programmeLabels[0]).toMatch(/^18\.03\.01 Химическая технология/);
  const byAdmin = await loadOpportunityPreview(
    admin.client,
    { role: 'administrator', organization: null },
    draftId,
  );
  expect(byAdmin).toMatchObject({ id: draftId, status: 'draft' });
});

test('another employer, a student and a visitor get nothing', async () => {
  expect(await loadOpportunityPreview(other.client, employerPerson(other), draftId)).toBeNull();
  // Even claiming to be the owner: RLS does not give another organization's draft.
  expect(await loadOpportunityPreview(other.client, employerPerson(owner), draftId)).toBeNull();
  expect(
    await loadOpportunityPreview(student.client, { role: 'student', organization: null }, draftId),
  ).toBeNull();
  expect(await loadOpportunityPreview(anonClient(), null, draftId)).toBeNull();
});
