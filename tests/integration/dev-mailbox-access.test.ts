import http from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedPorts } from '../../scripts/lib/fixed-ports.ts';
import { enqueueEmail } from '../../src/lib/server/email/enqueue.ts';
import { ensureAppBuilt, signedInCookie, startBuiltApp, type BuiltApp } from '../factories/built-app.ts';
import { testDb } from '../factories/db.ts';
import { createAdministrator, uniqueEmail } from '../factories/people.ts';

/**
 * The development mailbox of the built app (node server.js, as `npm start` runs it) on the
 * integration stack, bound to every interface of this machine: a request that arrives on the
 * machine's own non-loopback address is refused, one from loopback is served, and with
 * NODE_ENV=production nobody gets it. Only this machine's addresses are used.
 */
const port = fixedPorts().integrationApp.app;

/** This machine's first non-loopback IPv4 address (`hostname -I`). */
function ownNonLoopbackAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) throw new Error('этому тесту нужен сетевой интерфейс, кроме loopback (hostname -I)');
  return address;
}

let app: BuiltApp | undefined;

/** The built app on every interface (HOST 0.0.0.0), ready when loopback gets /sign-in. */
async function startApp(env: NodeJS.ProcessEnv): Promise<void> {
  app = await startBuiltApp(
    { HOST: '0.0.0.0', ...env },
    async () => (await get('127.0.0.1', '/sign-in').catch(() => null))?.status === 200,
  );
}

/** GET over a connection to `host` (so the app sees this machine's address on that interface). */
function get(host: string, pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.get({ host, port, path: pathname, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

async function stopApp() {
  await app?.stop();
  app = undefined;
}

beforeAll(ensureAppBuilt, 600_000);
afterEach(stopApp);

describe('/dev/mailbox of the built app', () => {
  test('loopback clients read it; a request to this machine’s network address is refused', async () => {
    // a letter with a password-reset link: what the mailbox must not show to others
    const to = uniqueEmail('mailbox');
    const secret = `token-${crypto.randomUUID()}`;
    const id = await enqueueEmail(testDb(), to, {
      template: 'reset_password',
      data: { name: 'Анна Иванова', url: `http://127.0.0.1:${port}/api/auth/reset-password/${secret}` },
    });
    await startApp({});
    const outside = ownNonLoopbackAddress();

    const list = await get('127.0.0.1', `/dev/mailbox?to=${encodeURIComponent(to)}`);
    expect(list.status).toBe(200);
    expect(list.body).toContain(id);
    expect((await get('127.0.0.1', `/dev/mailbox/${id}`)).body).toContain(secret);

    for (const pathname of [`/dev/mailbox?to=${encodeURIComponent(to)}`, `/dev/mailbox/${id}`]) {
      const remote = await get(outside, pathname);
      expect(remote.status, pathname).toBe(404);
      expect(remote.body, pathname).not.toContain(secret);
      expect(remote.body, pathname).not.toContain(id);
      // a forged X-Forwarded-For changes nothing: the app asks its socket
      const forged = await get(outside, pathname, { 'x-forwarded-for': '127.0.0.1' });
      expect(forged.status, pathname).toBe(404);
      // the same through SvelteKit's data endpoint of client-side navigation
      const data = await get(outside, `${pathname.split('?')[0]}/__data.json`);
      expect(data.body, pathname).not.toContain(secret);
      expect(data.body, pathname).not.toContain(to);
    }
    // the rest of the app is served on that address
    expect((await get(outside, '/sign-in')).status).toBe(200);
  });

  test('a signed-in administrator reads it from another address', async () => {
    await startApp({});
    const admin = await createAdministrator();
    const cookie = await signedInCookie(admin);
    expect(cookie).toMatch(/session_token=/);
    const remote = await get(ownNonLoopbackAddress(), '/dev/mailbox', { cookie });
    expect(remote.status).toBe(200);
    expect(remote.body).toContain('Почтовый ящик разработчика');
  });

  test('with NODE_ENV=production nobody gets it, not even from loopback', async () => {
    await startApp({ NODE_ENV: 'production' });
    const local = await get('127.0.0.1', '/dev/mailbox');
    expect(local.status).toBe(404);
    expect(local.body).not.toContain('Почтовый ящик разработчика');
    expect((await get('127.0.0.1', '/sign-in')).status).toBe(200);
  });
});
