import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_ENV } from '../../playwright.config.ts';
import { DEMO, DEMO_PASSWORD, uniqueEmail, strongPassword } from './support/accounts.ts';
import { clearRateLimits, rowCounts, testDb } from './support/db.ts';

// Issue 10 items 15 and 16: better-auth's own HTTP API is closed beside the app's forms, except the
// links of its letters (verification and reset: sign-up.spec.ts and password.spec.ts follow them).

const ORIGIN = E2E_ENV.ORIGIN;

test.beforeEach(async () => {
  await clearRateLimits();
});
test.afterEach(async () => {
  await clearRateLimits();
});

/** Everything in better-auth's tables, to compare before and after a request. */
async function authRows(): Promise<Record<string, number>> {
  const { rows } = await testDb().query<Record<string, number>>(
    `select (select count(*) from better_auth."user")::int as users,
            (select count(*) from better_auth."session")::int as sessions,
            (select count(*) from better_auth."account")::int as accounts,
            (select count(*) from better_auth."verification")::int as verifications`,
  );
  return rows[0];
}

async function userExists(email: string): Promise<boolean> {
  const { rowCount } = await testDb().query(
    'select 1 from better_auth."user" where lower(email) = lower($1)',
    [email],
  );
  return (rowCount ?? 0) > 0;
}

const json = (
  request: APIRequestContext,
  path: string,
  data: unknown,
  headers: Record<string, string> = {},
) =>
  request.post(path, {
    data,
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
    maxRedirects: 0,
  });

test('better-auth’s endpoints beside the app’s forms answer 404 and write nothing', async ({ request }) => {
  const victim = uniqueEmail('squatted');
  const password = strongPassword();
  const calls: { method: 'GET' | 'POST'; path: string; data?: unknown }[] = [
    // taking someone's address before they sign up: no consent, no role, no profile
    { method: 'POST', path: '/api/auth/sign-up/email', data: { name: 'Захватчик', email: victim, password } },
    { method: 'POST', path: '/api/auth/sign-in/email', data: { email: DEMO.student.email, password } },
    { method: 'POST', path: '/api/auth/request-password-reset', data: { email: DEMO.student.email } },
    { method: 'POST', path: '/api/auth/reset-password', data: { token: 'forged', newPassword: password } },
    { method: 'POST', path: '/api/auth/send-verification-email', data: { email: DEMO.student.email } },
    {
      method: 'POST',
      path: '/api/auth/change-password',
      data: { currentPassword: password, newPassword: password },
    },
    { method: 'POST', path: '/api/auth/change-email', data: { newEmail: victim } },
    { method: 'POST', path: '/api/auth/update-user', data: { name: 'Другое имя' } },
    { method: 'POST', path: '/api/auth/delete-user', data: { password } },
    { method: 'POST', path: '/api/auth/sign-out', data: {} },
    { method: 'POST', path: '/api/auth/revoke-sessions', data: {} },
    { method: 'GET', path: '/api/auth/get-session' },
    { method: 'GET', path: '/api/auth/list-sessions' },
    { method: 'GET', path: '/api/auth/ok' },
  ];
  const before = { ...(await authRows()), ...(await rowCounts()) };
  for (const call of calls) {
    const response =
      call.method === 'GET'
        ? await request.get(call.path, { headers: { origin: ORIGIN }, maxRedirects: 0 })
        : await json(request, call.path, call.data);
    expect(response.status(), `${call.method} ${call.path}`).toBe(404);
    expect(response.headers()['set-cookie'], `${call.method} ${call.path}`).toBeUndefined();
  }
  expect({ ...(await authRows()), ...(await rowCounts()) }).toEqual(before);
  expect(await userExists(victim)).toBe(false);
});

test('the raw sign-in endpoint checks no password, whatever X-Forwarded-For claims', async ({ request }) => {
  const before = await authRows();
  for (let i = 0; i < 14; i += 1) {
    const response = await json(
      request,
      '/api/auth/sign-in/email',
      { email: DEMO.student.email, password: i === 13 ? DEMO_PASSWORD : `Догадка-${i}-Кузбасс` },
      { 'x-forwarded-for': `198.51.100.${i + 1}` },
    );
    expect(response.status()).toBe(404);
  }
  expect(await authRows()).toEqual(before);
});

test('through the form, five wrong passwords lock the account whatever X-Forwarded-For claims', async ({
  request,
}) => {
  const post = (password: string, i: number) =>
    request.post('/sign-in', {
      form: { email: DEMO.graduate.email, password },
      headers: { origin: ORIGIN, accept: 'text/html', 'x-forwarded-for': `203.0.113.${i + 1}` },
      maxRedirects: 0,
    });
  const statuses: number[] = [];
  for (let i = 0; i < 7; i += 1) statuses.push((await post(`Догадка-${i}-Кузбасс`, i)).status());
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  const withRight = await post(DEMO_PASSWORD, 8);
  expect(withRight.status()).toBe(429);
  expect(await withRight.text()).toContain('Слишком много попыток');
  expect(withRight.headers()['set-cookie']).toBeUndefined();
});

test('the account’s right password is let in again and again: successes do not count', async ({
  request,
}) => {
  for (let i = 0; i < 7; i += 1) {
    const response = await request.post('/sign-in', {
      form: { email: DEMO.graduate.email, password: DEMO_PASSWORD },
      headers: { origin: ORIGIN, accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(response.status(), `вход №${i + 1}`).toBe(303);
  }
});
