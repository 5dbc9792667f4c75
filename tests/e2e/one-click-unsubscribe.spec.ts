/**
 * RFC 8058 one-click unsubscribe and the app's own cross-site form check (src/lib/server/csrf.ts):
 * a mail provider's server may POST `List-Unsubscribe=One-Click` to an alert's link from anywhere,
 * while every other form still refuses a foreign or missing Origin with 403.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_ENV } from '../../playwright.config.ts';
import { tokenHash } from '../../src/lib/server/saved-searches/unsubscribe-token.ts';
import { DEMO, DEMO_PASSWORD } from './support/accounts.ts';
import { clearRateLimits, testDb } from './support/db.ts';

const CROSS_SITE_FORM_MESSAGE = 'Отправка формы с другого сайта запрещена';
const ONE_CLICK = { 'List-Unsubscribe': 'One-Click' };

// Wrong passwords are limited per account (src/lib/server/rate-limit.ts); start every test with clear counters.
test.beforeEach(async () => {
  await clearRateLimits();
});

interface SavedSearch {
  id: string;
  name: string;
  token: string;
}

/**
 * A saved search of the demo student whose alerts carry `token`. The alert job would store the
 * same sha256 hash (sendSavedSearchAlerts); writing it here spares a real letter, and what is under
 * test is only what POST /unsubscribe/<token> does with it.
 */
async function savedSearchWithToken(name: string): Promise<SavedSearch> {
  const token = randomBytes(32).toString('base64url');
  const { rows } = await testDb().query<{ id: string }>(
    `insert into public.saved_searches (profile_id, name, query, unsubscribe_token_hash)
     select p.id, $2, 'kind=internship', $3 from public.profiles p where lower(p.email) = lower($1)
     returning id`,
    [DEMO.student.email, name, tokenHash(token)],
  );
  if (rows.length !== 1) throw new Error(`поиск не создан: нет профиля ${DEMO.student.email}`);
  return { id: rows[0].id, name, token };
}

async function savedSearchExists(id: string): Promise<boolean> {
  const { rowCount } = await testDb().query('select from public.saved_searches where id = $1', [id]);
  return rowCount === 1;
}

async function sessionsOf(email: string): Promise<number> {
  const { rows } = await testDb().query<{ count: number }>(
    `select count(*)::int as count from better_auth."session" s join better_auth."user" u on u.id = s."userId"
      where lower(u.email) = lower($1)`,
    [email],
  );
  return rows[0].count;
}

/** The sign-in form's POST, as a browser without JavaScript sends it, redirects not followed. */
function postSignIn(request: APIRequestContext, headers: Record<string, string>) {
  return request.post('/sign-in', {
    form: { email: DEMO.graduate.email, password: DEMO_PASSWORD },
    headers: { accept: 'text/html', ...headers },
    maxRedirects: 0,
  });
}

test('a mail provider unsubscribes in one click from its own server; a second POST changes nothing', async ({
  request,
}) => {
  const search = await savedSearchWithToken(`Один клик ${Date.now()}`);
  const other = await savedSearchWithToken(`Остаётся ${Date.now()}`);

  // A link scanner's GET (no HTML asked for) gets an explanation and unsubscribes no one.
  const scanned = await request.get(`/unsubscribe/${search.token}`, { headers: { accept: '*/*' } });
  expect(scanned.status()).toBe(200);
  expect(await scanned.text()).toContain('откройте эту ссылку в браузере');
  expect(await savedSearchExists(search.id)).toBe(true);

  // What Gmail, Яндекс or Mail.ru send: no cookies, a foreign (or no) Origin, no HTML wanted.
  const response = await request.post(`/unsubscribe/${search.token}`, {
    form: ONE_CLICK,
    headers: { origin: 'https://mail.example.net' },
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe(
    `Готово: письма по поиску «${search.name}» больше не придут. Сам поиск удалён.`,
  );
  expect(await savedSearchExists(search.id)).toBe(false);

  const again = await request.post(`/unsubscribe/${search.token}`, {
    form: ONE_CLICK,
    headers: { origin: 'https://mail.example.net' },
  });
  expect(again.status()).toBe(404);
  expect(await again.text()).toBe('Эта рассылка уже отключена или ссылка устарела — писем по ней не будет.');
  expect(await savedSearchExists(other.id)).toBe(true);

  // Without the RFC 8058 body it is not a one-click request: nothing is deleted.
  const bare = await request.post(`/unsubscribe/${other.token}`, {
    form: { hello: 'world' },
    headers: { origin: 'https://mail.example.net' },
  });
  expect(bare.status()).toBe(400);
  expect(await bare.text()).toContain('List-Unsubscribe=One-Click');
  expect(await savedSearchExists(other.id)).toBe(true);

  // A mistyped token is a clear 404, not a server error.
  const wrong = await request.post('/unsubscribe/not-a-token', {
    form: ONE_CLICK,
    headers: { origin: 'https://mail.example.net' },
  });
  expect(wrong.status()).toBe(404);
  expect(await wrong.text()).toContain('ссылка устарела');
});

test('the exemption is exactly POST /unsubscribe/<token>: a path under it is refused cross-site', async ({
  request,
}) => {
  const search = await savedSearchWithToken(`Глубже ${Date.now()}`);
  const response = await request.post(`/unsubscribe/${search.token}/more`, {
    form: ONE_CLICK,
    headers: { origin: 'https://evil.example' },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toBe(CROSS_SITE_FORM_MESSAGE);
  expect(await savedSearchExists(search.id)).toBe(true);
});

test('a person presses «Отписаться» on the page; an unknown link shows the calm message', async ({
  page,
}) => {
  const search = await savedSearchWithToken(`Кнопка ${Date.now()}`);
  await page.goto(`/unsubscribe/${search.token}`);
  expect(await savedSearchExists(search.id)).toBe(true); // opening the link unsubscribes no one
  await page.getByRole('button', { name: 'Отписаться' }).click();
  await expect(page.getByRole('status')).toHaveText(
    `Готово: письма по поиску «${search.name}» больше не придут. Сам поиск удалён.`,
  );
  expect(await savedSearchExists(search.id)).toBe(false);

  await page.goto(`/unsubscribe/${search.token}`);
  await page.getByRole('button', { name: 'Отписаться' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Эта рассылка уже отключена или ссылка устарела — писем по ней не будет.',
  );
});

test('a cross-site form POST elsewhere is refused with 403, and signs no one in', async ({ request }) => {
  const before = await sessionsOf(DEMO.graduate.email);
  const response = await postSignIn(request, { origin: 'https://evil.example' });
  expect(response.status()).toBe(403);
  expect(await response.text()).toBe(CROSS_SITE_FORM_MESSAGE);
  expect(response.headers()['set-cookie']).toBeUndefined();
  expect(await sessionsOf(DEMO.graduate.email)).toBe(before);

  // fetch() that asks for JSON gets the same refusal as JSON
  const asJson = await request.post('/sign-in', {
    form: { email: DEMO.graduate.email, password: DEMO_PASSWORD },
    headers: { origin: 'https://evil.example', accept: 'application/json' },
  });
  expect(asJson.status()).toBe(403);
  expect(await asJson.json()).toEqual({ message: CROSS_SITE_FORM_MESSAGE });
  expect(await sessionsOf(DEMO.graduate.email)).toBe(before);
});

test('a form POST without an Origin header is refused with 403', async ({ request }) => {
  const before = await sessionsOf(DEMO.graduate.email);
  const response = await postSignIn(request, {});
  expect(response.status()).toBe(403);
  expect(await response.text()).toBe(CROSS_SITE_FORM_MESSAGE);
  expect(await sessionsOf(DEMO.graduate.email)).toBe(before);
});

test('a same-origin form POST still works: sign-in redirects and opens a session', async ({ request }) => {
  const before = await sessionsOf(DEMO.graduate.email);
  const response = await postSignIn(request, { origin: E2E_ENV.ORIGIN });
  expect(response.status()).toBe(303);
  expect(response.headers()['location']).toBe('/home');
  expect(response.headers()['set-cookie']).toContain('kp.session_token');
  expect(await sessionsOf(DEMO.graduate.email)).toBe(before + 1);
});
