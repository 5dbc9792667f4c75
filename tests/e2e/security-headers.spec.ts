import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ENV } from '../../playwright.config.ts';
import { DEMO, signInDemo } from './support/accounts.ts';
import { clearRateLimits } from './support/db.ts';
import { openLetter, SUBJECTS } from './support/mailbox.ts';

/**
 * Every page carries a Content-Security-Policy (SvelteKit's `kit.csp`, a nonce for its inline
 * scripts) that forbids framing, and the app still hydrates under it: no page reports a policy
 * violation or a console error, and what needs JavaScript (search as you type, the posting form)
 * works. Other sites cannot frame a form.
 */

test.beforeEach(async () => {
  await clearRateLimits();
});

/** Collects CSP violations (the DOM event) and console errors of everything the page loads. */
async function watch(page: Page): Promise<{ problems: () => Promise<string[]> }> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // addInitScript below runs in every frame, also the letter's sandboxed srcdoc frame of the dev
    // mailbox, where Chromium refuses it (letters hold no scripts): that refusal is this watcher's own
    // script meeting the sandbox, not a fault of the page.
    const ownScriptInSandbox = message.text().startsWith("Blocked script execution in 'about:srcdoc'");
    if (message.type() === 'error' && !ownScriptInSandbox) consoleErrors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
  return {
    problems: async () => {
      const violations = await page.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      );
      return [...violations.map((v) => `csp: ${v}`), ...consoleErrors];
    },
  };
}

/** SvelteKit's inline start script ran (it defines its global), so the page hydrates. */
async function expectSvelteKitStarted(page: Page) {
  await page.waitForLoadState('networkidle');
  const started = await page.evaluate(() => Object.keys(window).some((k) => k.startsWith('__sveltekit_')));
  expect(started, 'встроенный сценарий SvelteKit выполнился').toBe(true);
}

test('pages carry the policy and the other security headers; no HSTS over http', async ({ request }) => {
  for (const path of ['/', '/opportunities', '/sign-in', '/dev/mailbox']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    // the hash of SvelteKit's inline script, not a nonce: public pages are kept a few seconds for
    // anonymous visitors, and a nonce handed to everyone would be no secret
    expect(csp, path).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp, path).not.toContain('nonce-');
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    // the e2e app runs on http://127.0.0.1: browsers would ignore HSTS there, and it must not be sent
    expect(headers['strict-transport-security'], path).toBeUndefined();
  }
  // responses that are not pages cannot be framed either
  const health = await request.get('/healthz');
  expect(health.headers()['x-frame-options']).toBe('DENY');
  expect(health.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('public pages hydrate under the policy with no violation or console error', async ({ page }) => {
  const { problems } = await watch(page);

  for (const path of ['/', '/sign-in', '/sign-up/employer']) {
    await page.goto(path);
    await expectSvelteKitStarted(page);
  }

  // search as you type needs the hydrated page
  await page.goto('/opportunities');
  await expectSvelteKitStarted(page);
  await page.getByLabel('Что ищете').fill('инженер');
  await expect(page).toHaveURL(/[?&]q=%D0%B8%D0%BD%D0%B6%D0%B5%D0%BD%D0%B5%D1%80/);
  const first = page.locator('article.hit').first().getByRole('link').first();
  await first.click();
  await expect(page).toHaveURL(/\/opportunities\/[0-9a-f-]{36}$/);
  await expectSvelteKitStarted(page);

  // a form that sends a letter, then the letter in the development mailbox (its HTML in a frame)
  await page.goto('/forgot-password');
  await expectSvelteKitStarted(page);
  await page.getByLabel('Электронная почта', { exact: true }).fill(DEMO.graduate.email);
  await page.getByRole('button', { name: 'Прислать ссылку' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await openLetter(page, DEMO.graduate.email, SUBJECTS.reset);
  await expect(page.locator('iframe')).toBeVisible();
  await expectSvelteKitStarted(page);

  expect(await problems()).toEqual([]);
});

test('signed-in pages with forms hydrate under the policy with no violation', async ({ page }) => {
  const { problems } = await watch(page);
  await signInDemo(page, 'employer');
  for (const path of ['/employer', '/employer/opportunities', '/employer/opportunities/new', '/profile']) {
    await page.goto(path);
    await expect(page).toHaveURL(path);
    await expectSvelteKitStarted(page);
  }
  expect(await problems()).toEqual([]);
});

test('another site cannot frame a form of the app', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/frame-ancestors|X-Frame-Options/i.test(message.text())) blocked.push(message.text());
  });
  // a page of another origin (another port) that puts the sign-in form in a frame
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>x</title><iframe src="${E2E_ENV.ORIGIN}/sign-in" title="x"></iframe>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await expect.poll(() => blocked.length).toBeGreaterThan(0);
    await expect(page.frameLocator('iframe').getByRole('button', { name: 'Войти' })).toHaveCount(0);
  } finally {
    attacker.close();
  }
});
