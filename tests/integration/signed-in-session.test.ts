import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedInCookie, startBuiltApp, type BuiltApp } from '../factories/built-app.ts';
import { testDb } from '../factories/db.ts';
import {
  closeFactories,
  createAdministrator,
  createStudent,
  createUniversity,
  type TestPerson,
} from '../factories/people.ts';

/**
 * Who a request's session cookie belongs to (src/lib/server/session.ts) is read in one query per
 * request, with better-auth kept as the authority on sessions: a forged cookie is nobody; a revoked,
 * expired or unconfirmed account's session stops at the very next request; a session due for renewal
 * is renewed by better-auth (database and cookie), as its own getSession does. Through the built app.
 */
let app: BuiltApp;
let student: TestPerson;

beforeAll(async () => {
  const admin = await createAdministrator();
  student = await createStudent({ universityId: await createUniversity(admin) });
  app = await startBuiltApp();
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await closeFactories();
});

/** A fresh session of the student: its cookie header and token. */
async function signIn(): Promise<{ cookie: string; token: string }> {
  const cookie = await signedInCookie(student);
  const value = decodeURIComponent(/session_token=([^;]+)/.exec(cookie)![1]);
  return { cookie, token: value.slice(0, value.lastIndexOf('.')) };
}

async function visit(cookie: string) {
  const res = await fetch(`${app.base}/student/applications`, { headers: { cookie }, redirect: 'manual' });
  return {
    status: res.status,
    location: res.headers.get('location'),
    setCookie: res.headers.getSetCookie(),
    body: await res.text(),
  };
}

const sessionRow = async (token: string) =>
  (
    await testDb().query<{ expires_at: Date }>(
      `select "expiresAt" as expires_at from better_auth.session where token = $1`,
      [token],
    )
  ).rows[0];

describe('the session behind a request', () => {
  test('a signed-in student gets their page; the same token under a signature that is not ours is nobody', async () => {
    const { cookie, token } = await signIn();
    const page = await visit(cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain(student.fullName);

    const forgedSignature = createHmac('sha256', 'not-the-secret').update(token).digest('base64');
    const forged = await visit(`kp.session_token=${encodeURIComponent(`${token}.${forgedSignature}`)}`);
    expect(forged.status).toBe(303);
    expect(forged.location).toMatch(/^\/sign-in\?redirectTo=/);
    expect((await visit(`kp.session_token=${encodeURIComponent(token)}`)).status).toBe(303);
  });

  test('a revoked session, or an account whose address is no longer confirmed, stops at the next request', async () => {
    const { cookie, token } = await signIn();
    expect((await visit(cookie)).status).toBe(200);
    await testDb().query(`delete from better_auth.session where token = $1`, [token]);
    expect((await visit(cookie)).status).toBe(303);

    const other = await signIn();
    expect((await visit(other.cookie)).status).toBe(200);
    await testDb().query(`update better_auth."user" set "emailVerified" = false where id = $1`, [student.id]);
    try {
      expect((await visit(other.cookie)).status).toBe(303);
    } finally {
      await testDb().query(`update better_auth."user" set "emailVerified" = true where id = $1`, [
        student.id,
      ]);
    }
    expect((await visit(other.cookie)).status).toBe(200);
  });

  test('a session older than a day is renewed for another week, in the database and in the cookie', async () => {
    const { cookie, token } = await signIn();
    // signed in two days ago: 5 of its 7 days left, older than better-auth's updateAge of a day
    await testDb().query(
      `update better_auth.session set "expiresAt" = now() + interval '5 days' where token = $1`,
      [token],
    );
    const page = await visit(cookie);
    expect(page.status).toBe(200);
    const renewed = page.setCookie.find((c) => c.startsWith('kp.session_token='));
    expect(renewed).toMatch(/Max-Age=604800/);
    const expiresInDays = ((await sessionRow(token)).expires_at.getTime() - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(6.9);
    // a session used within the day is read, not written: no cookie is set
    const next = await visit(cookie);
    expect(next.status).toBe(200);
    expect(next.setCookie.some((c) => c.startsWith('kp.session_token='))).toBe(false);
  });

  test('an expired session is nobody: the row is deleted and the cookie cleared', async () => {
    const { cookie, token } = await signIn();
    await testDb().query(
      `update better_auth.session set "expiresAt" = now() - interval '1 minute' where token = $1`,
      [token],
    );
    const page = await visit(cookie);
    expect(page.status).toBe(303);
    expect(page.setCookie.find((c) => c.startsWith('kp.session_token='))).toMatch(/Max-Age=0/);
    expect(await sessionRow(token)).toBeUndefined();
  });
});
