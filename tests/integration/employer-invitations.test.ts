/**
 * Employers invite colleagues: create_invitation() and revoke_invitation() through PostgREST with
 * each person's own JWT (the app's operations, as the pages call them), the invitations policy
 * between employers, and accepting, after which the colleague works on the employer's postings.
 * A direct superuser connection only arranges time and looks behind the API.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';
import { opportunitySchema } from '../../src/lib/schemas/opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { deleteOpportunity } from '../../src/lib/server/opportunities/delete-opportunity.ts';
import { updateOpportunity } from '../../src/lib/server/opportunities/update-opportunity.ts';
import { inviteMember } from '../../src/lib/server/organizations/invite-member.ts';
import { loadColleagues } from '../../src/lib/server/organizations/load-colleagues.ts';
import { quoted } from '../../src/lib/i18n/quotes.ts';
import { revokeInvitation } from '../../src/lib/server/organizations/revoke-invitation.ts';
import { anonClient } from '../../src/lib/server/supabase.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAccount,
  createAdministrator,
  createEmployer,
  createStudent,
  createUniversity,
  createUniversityStaff,
  uniqueEmail,
  verifyEmployer,
  type TestEmployer,
  type TestMember,
  type TestPerson,
} from '../factories/people.ts';

let admin: TestMember;
let employerA: TestEmployer;
let employerB: TestEmployer;
/** Registered, not verified by the administration yet. */
let pendingEmployer: TestEmployer;
let student: TestPerson;

const invite = (inviter: TestEmployer | TestPerson, organizationId: string, email: string) =>
  inviteMember(inviter.client, inviter, { organizationId, email });

interface InvitationRow {
  id: string;
  organization_id: string;
  email: string;
  role: string;
  invited_by: string | null;
  accepted_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

async function invitationsTo(email: string): Promise<InvitationRow[]> {
  const { rows } = await testDb().query<InvitationRow>(
    'select * from public.invitations where lower(email) = lower($1) order by created_at',
    [email],
  );
  return rows;
}

async function invitationCount(organizationId: string): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    'select count(*)::int as n from public.invitations where organization_id = $1',
    [organizationId],
  );
  return rows[0].n;
}

/** The one-time token of the letter that went to this address (the link is all the invitee gets). */
async function tokenFromLetter(email: string): Promise<string> {
  const { rows } = await testDb().query<{ text_body: string }>(
    `select text_body from app_private.outbound_emails
      where to_address = $1 and template = 'invitation' order by created_at desc limit 1`,
    [email],
  );
  expect(rows, `письмо-приглашение на ${email}`).toHaveLength(1);
  const token = /\/invite\/([0-9a-f]{48})/.exec(rows[0].text_body)?.[1];
  expect(token).toBeDefined();
  return token!;
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
  student = await createStudent({ universityId: await createUniversity(admin) });
});

afterAll(async () => {
  await closeFactories();
});

describe('who may invite', () => {
  test('a member of a verified employer invites a colleague, who gets the letter', async () => {
    const email = uniqueEmail('colleague-a');
    expect(await invite(employerA, employerA.organizationId, email)).toEqual({
      ok: true,
      organizationName: employerA.organizationName,
    });
    expect(await invitationsTo(email)).toMatchObject([
      {
        organization_id: employerA.organizationId,
        role: 'employer_staff',
        invited_by: employerA.id,
        accepted_at: null,
        revoked_at: null,
      },
    ]);
    const { rows } = await testDb().query<{ subject: string; text_body: string }>(
      `select subject, text_body from app_private.outbound_emails where to_address = $1 and template = 'invitation'`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe(
      `Приглашение в организацию ${quoted(employerA.organizationName)} — КемероVоПРОФИ`,
    );
    expect(rows[0].text_body).toContain(`${employerA.fullName} приглашает вас присоединиться`);
  });

  test("a member of employer B cannot invite into A, see A's invitations or revoke them", async () => {
    const email = uniqueEmail('colleague-a2');
    await invite(employerA, employerA.organizationId, email);
    const [invitation] = await invitationsTo(email);
    const before = await invitationCount(employerA.organizationId);

    const intruding = await invite(employerB, employerA.organizationId, uniqueEmail('intruder'));
    expect(intruding).toEqual({
      ok: false,
      field: 'form',
      status: 403,
      message: 'Нет прав приглашать в эту организацию',
    });
    expect(await invitationCount(employerA.organizationId)).toBe(before);

    for (const query of [
      employerB.client.from('invitations').select('id').eq('id', invitation.id),
      employerB.client.from('invitations').select('id').eq('organization_id', employerA.organizationId),
    ]) {
      const { data, error } = await query;
      expect(error).toBeNull();
      expect(data).toEqual([]);
    }
    // while A's own people see it
    const own = await employerA.client.from('invitations').select('id').eq('id', invitation.id);
    expect(own.data).toEqual([{ id: invitation.id }]);

    expect(await revokeInvitation(employerB.client, invitation.id)).toMatchObject({
      ok: false,
      status: 403,
      message: 'Приглашение не найдено',
    });
    const direct = await employerB.client
      .from('invitations')
      .update({ revoked_at: new Date().toISOString() })
      .eq('id', invitation.id)
      .select('id');
    expect(direct.error?.code).toBe('42501');
    expect(await invitationsTo(email)).toEqual([invitation]);
  });

  test('an employer not verified yet cannot invite, not even into its own organization', async () => {
    const result = await invite(pendingEmployer, pendingEmployer.organizationId, uniqueEmail('early'));
    expect(result).toEqual({
      ok: false,
      field: 'form',
      status: 403,
      message: 'Пригласить коллег можно после проверки организации администрацией',
    });
    expect(await invitationCount(pendingEmployer.organizationId)).toBe(0);
  });

  test('nor do students or anonymous visitors', async () => {
    const before = await invitationCount(employerA.organizationId);
    expect((await invite(student, employerA.organizationId, uniqueEmail('by-student'))).ok).toBe(false);
    const anon = await anonClient().rpc('create_invitation', {
      p_organization_id: employerA.organizationId,
      p_email: uniqueEmail('by-anon'),
    });
    expect(anon.error).not.toBeNull();
    expect(await invitationCount(employerA.organizationId)).toBe(before);
  });
});

describe('bad addresses: a Russian message at the field, 4xx, nothing written', () => {
  test('malformed, already a member, already invited, already on the platform', async () => {
    const invited = uniqueEmail('twice');
    expect((await invite(employerA, employerA.organizationId, invited)).ok).toBe(true);
    const before = await invitationCount(employerA.organizationId);
    const lettersBefore = await testDb().query<{ n: number }>(
      `select count(*)::int as n from app_private.outbound_emails where template = 'invitation'`,
    );

    const cases: [string, number, string][] = [
      ['не-адрес', 400, 'Адрес электронной почты указан неверно'],
      [employerA.email.toUpperCase(), 409, 'Этот сотрудник уже состоит в организации'],
      [` ${invited} `, 409, 'Приглашение на этот адрес уже отправлено и ждёт ответа'],
      [
        employerB.email,
        409,
        'Этот адрес уже зарегистрирован на портале: пригласить можно только нового пользователя',
      ],
      [
        student.email,
        409,
        'Этот адрес уже зарегистрирован на портале: пригласить можно только нового пользователя',
      ],
    ];
    for (const [email, status, message] of cases) {
      expect(await invite(employerA, employerA.organizationId, email), email).toEqual({
        ok: false,
        field: 'email',
        status,
        message,
      });
    }
    expect(await invitationCount(employerA.organizationId)).toBe(before);
    const lettersAfter = await testDb().query<{ n: number }>(
      `select count(*)::int as n from app_private.outbound_emails where template = 'invitation'`,
    );
    expect(lettersAfter.rows[0].n).toBe(lettersBefore.rows[0].n);
  });

  test('an expired invitation does not stand in the way of a new one', async () => {
    const email = uniqueEmail('expired');
    await invite(employerA, employerA.organizationId, email);
    await testDb().query(
      `update public.invitations set expires_at = now() - interval '1 day' where lower(email) = $1`,
      [email],
    );
    expect((await invite(employerA, employerA.organizationId, email)).ok).toBe(true);
    const rows = await invitationsTo(email);
    expect(rows).toHaveLength(2);
    expect(rows[0].revoked_at).not.toBeNull();
    expect(rows[1].revoked_at).toBeNull();
  });
});

describe('revoking', () => {
  test("a member revokes an open invitation: the link stops working and can't be accepted", async () => {
    const email = uniqueEmail('revoked');
    await invite(employerA, employerA.organizationId, email);
    const token = await tokenFromLetter(email);
    const [invitation] = await invitationsTo(email);

    expect(await revokeInvitation(employerA.client, invitation.id)).toEqual({ ok: true, email });
    expect(await revokeInvitation(employerA.client, invitation.id)).toMatchObject({
      ok: false,
      status: 400,
      message: 'Приглашение уже отозвано',
    });
    const preview = await anonClient().rpc('invitation_preview', { p_token: token });
    expect((preview.data as Array<{ state: string }>)[0].state).toBe('revoked');

    const invitee = await createAccount('revoked', { email });
    const accepted = await invitee.client.rpc('accept_invitation', {
      p_token: token,
      p_full_name: invitee.fullName,
      p_consent_version: CONSENT_VERSION,
    });
    expect(accepted.error?.hint).toBe('token');
    const { rows } = await testDb().query('select from public.memberships where profile_id = $1', [
      invitee.id,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('universities: the same list of open invitations and the same revoke', () => {
  test("a university member lists and revokes their own university's invitation, not another's", async () => {
    const [universityA, universityB] = await Promise.all([createUniversity(admin), createUniversity(admin)]);
    const [staffA, staffB] = await Promise.all([
      createUniversityStaff(admin, universityA),
      createUniversityStaff(admin, universityB),
    ]);
    const email = uniqueEmail('uni-colleague');
    expect((await invite(staffA, universityA, email)).ok).toBe(true);
    const [invitation] = await invitationsTo(email);
    expect(invitation).toMatchObject({ organization_id: universityA, role: 'university_staff' });

    // what the «Коллеги» block of /university loads, with each member's own JWT
    const team = (member: TestMember) =>
      loadColleagues({
        person: { organization: { id: member.organizationId } },
        supabase: member.client,
      } as Parameters<typeof loadColleagues>[0]);
    const own = await team(staffA);
    expect(own.invitations.map((i) => i.email)).toEqual([email]);
    expect(own.colleagues.map((c) => c.email)).toEqual([staffA.email]);
    expect((await team(staffB)).invitations).toEqual([]);

    expect(await revokeInvitation(staffB.client, invitation.id)).toMatchObject({
      ok: false,
      status: 403,
      message: 'Приглашение не найдено',
    });
    expect((await invitationsTo(email))[0].revoked_at).toBeNull();

    expect(await revokeInvitation(staffA.client, invitation.id)).toEqual({ ok: true, email });
    expect((await invitationsTo(email))[0].revoked_at).not.toBeNull();
    expect((await team(staffA)).invitations).toEqual([]);
  });
});

describe('universities and the administration: the same address checks', () => {
  test('a member or someone on the platform is refused at once; a waiting address gets a new link', async () => {
    const university = await createUniversity(admin);
    const staff = await createUniversityStaff(admin, university);
    const before = await invitationCount(university);
    const registered =
      'Этот адрес уже зарегистрирован на портале: пригласить можно только нового пользователя';
    const cases: [TestPerson, string, number, string][] = [
      [staff, 'не-адрес', 400, 'Адрес электронной почты указан неверно'],
      [staff, staff.email, 409, 'Этот сотрудник уже состоит в организации'],
      [staff, student.email, 409, registered],
      [admin, employerB.email, 409, registered],
    ];
    for (const [inviter, email, status, message] of cases) {
      expect(await invite(inviter, university, email), email).toEqual({
        ok: false,
        field: 'email',
        status,
        message,
      });
    }
    expect(await invitationCount(university)).toBe(before);

    // sending again to an address still waiting replaces its link (the first stops working)
    const email = uniqueEmail('uni-again');
    expect((await invite(admin, university, email)).ok).toBe(true);
    expect((await invite(staff, university, email)).ok).toBe(true);
    const rows = await invitationsTo(email);
    expect(rows).toHaveLength(2);
    expect(rows[0].revoked_at).not.toBeNull();
    expect(rows[1].revoked_at).toBeNull();
  });
});

describe('accepting', () => {
  test("the invitee becomes a member of A and works on A's drafts; B's stay out of reach", async () => {
    const draftA = await createOpportunity(
      employerA.client,
      { userId: employerA.id, organizationId: employerA.organizationId },
      opportunitySchema.parse({
        kind: 'internship',
        title: 'Стажировка в отделе кадров',
        districtCode: 'leninsky',
      }),
    );
    const draftB = await createOpportunity(
      employerB.client,
      { userId: employerB.id, organizationId: employerB.organizationId },
      opportunitySchema.parse({
        kind: 'internship',
        title: 'Стажировка работодателя Б',
        districtCode: 'zavodsky',
      }),
    );
    if (!draftA.ok || !draftB.ok) throw new Error('черновики не созданы');

    const email = uniqueEmail('joins-a');
    await invite(employerA, employerA.organizationId, email);
    const token = await tokenFromLetter(email);
    const colleague = await createAccount('joins-a', { email });
    // before accepting: nothing of A's
    const early = await colleague.client.from('opportunities').select('id').eq('id', draftA.id);
    expect(early.data).toEqual([]);

    const accepted = await colleague.client.rpc('accept_invitation', {
      p_token: token,
      p_full_name: colleague.fullName,
      p_position: 'Специалист по подбору персонала',
      p_consent_version: CONSENT_VERSION,
    });
    expect(accepted.error).toBeNull();
    expect(accepted.data).toBe(employerA.organizationId);
    const { rows } = await testDb().query<{ role: string; membership: string; organization_id: string }>(
      `select p.role, m.role as membership, m.organization_id
         from public.profiles p join public.memberships m on m.profile_id = p.id where p.id = $1`,
      [colleague.id],
    );
    expect(rows).toEqual([
      { role: 'employer_staff', membership: 'member', organization_id: employerA.organizationId },
    ]);

    // A's drafts are theirs to see, edit and delete now
    const seen = await colleague.client.from('opportunities').select('id, title').eq('id', draftA.id);
    expect(seen.data).toEqual([{ id: draftA.id, title: 'Стажировка в отделе кадров' }]);
    const edited = await updateOpportunity(
      colleague.client,
      draftA.id,
      opportunitySchema.parse({
        kind: 'internship',
        title: 'Стажировка в отделе кадров, правка коллеги',
        districtCode: 'leninsky',
      }),
    );
    expect(edited).toEqual({ ok: true });
    const { rows: after } = await testDb().query<{ title: string }>(
      'select title from public.opportunities where id = $1',
      [draftA.id],
    );
    expect(after[0].title).toBe('Стажировка в отделе кадров, правка коллеги');
    // and the colleague may invite in turn
    expect((await invite(colleague, employerA.organizationId, uniqueEmail('next'))).ok).toBe(true);
    expect((await deleteOpportunity(colleague.client, draftA.id)).ok).toBe(true);

    // B's draft is not theirs
    const notTheirs = await updateOpportunity(
      colleague.client,
      draftB.id,
      opportunitySchema.parse({
        kind: 'internship',
        title: 'Правка чужого черновика',
        districtCode: 'zavodsky',
      }),
    );
    expect(notTheirs.ok).toBe(false);
    expect((await deleteOpportunity(colleague.client, draftB.id)).ok).toBe(false);
    const { rows: b } = await testDb().query<{ title: string }>(
      'select title from public.opportunities where id = $1',
      [draftB.id],
    );
    expect(b[0].title).toBe('Стажировка работодателя Б');

    // the invitation is used up, and no longer listed as open
    expect((await invitationsTo(email))[0].accepted_at).not.toBeNull();
  });
});
