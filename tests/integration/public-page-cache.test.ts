import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createVerifiedEmployer, publishPosting } from '../factories/applications.ts';
import { signedInCookie, startBuiltApp, type BuiltApp } from '../factories/built-app.ts';
import { testDb } from '../factories/db.ts';
import { closeFactories, createAdministrator, type TestEmployer } from '../factories/people.ts';

/**
 * The built app as it runs in production (node server.js) keeps the public pages a few seconds for
 * anonymous visitors (src/lib/server/public-page-cache.ts). Here: a second anonymous visit gets the
 * kept page (with `Age`) and its security headers; a change in the database shows at once, not
 * after the page's time (Postgres announces it); a signed-in person's page is never kept nor served
 * from the cache; what only a signed-in person sees never reaches an anonymous visitor.
 */
let app: BuiltApp;
let base: string;
let employer: TestEmployer;
let postingId: string;
let cookie: string;

beforeAll(async () => {
  employer = await createVerifiedEmployer(await createAdministrator());
  postingId = await publishPosting(employer, 'vacancy', {
    title: `Аппаратчик ${crypto.randomUUID().slice(0, 8)}`,
  });
  cookie = await signedInCookie(employer);
  expect(cookie).toMatch(/session_token=/);
  app = await startBuiltApp({ PUBLIC_PAGE_CACHE_SECONDS: '10' });
  base = app.base;
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await closeFactories();
});

async function visit(pathname: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + pathname, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The first anonymous visit renders and keeps the page (the listener connects on that visit). */
async function keptVisit(pathname: string) {
  for (let i = 0; i < 50; i++) {
    await visit(pathname);
    const second = await visit(pathname);
    if (second.headers.has('age')) return second;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${pathname}: страница так и не попала в кэш`);
}

describe('public page cache of the built app', () => {
  test('a second anonymous visit gets the kept page, with every security header', async () => {
    const first = await visit(`/opportunities/${postingId}`);
    expect(first.status).toBe(200);
    const kept = await keptVisit(`/opportunities/${postingId}`);
    expect(kept.status).toBe(200);
    expect(kept.body).toBe(first.body);
    expect(Number(kept.headers.get('age'))).toBeLessThanOrEqual(10);
    const csp = kept.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    // hashes of the inline scripts, never a nonce that a kept page would hand to everyone
    expect(csp).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('nonce-');
    expect(kept.headers.get('x-frame-options')).toBe('DENY');
    expect(kept.headers.get('x-content-type-options')).toBe('nosniff');
    expect(kept.headers.get('content-type')).toMatch(/^text\/html/);
    expect(kept.headers.get('set-cookie')).toBeNull();
  });

  test('a kept page goes compressed to browsers that accept it, the same page as uncompressed', async () => {
    const pathname = `/opportunities/${postingId}`;
    const raw = (acceptEncoding?: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = http.get(
          `${base}${pathname}`,
          { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
      });
    await raw(); // rendered and kept
    const plain = await raw();
    expect(plain.headers.age).toBeDefined();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    const br = await raw('gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.byteLength);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.byteLength).toBeLessThan(plain.body.byteLength / 2);
    const gz = await raw('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // the security headers travel with every form of the page
    expect(br.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
  });

  test('a change in the database shows at once, not after the page’s time', async () => {
    const pathname = `/opportunities/${postingId}`;
    await keptVisit(pathname);
    const title = `Мастер смены ${crypto.randomUUID().slice(0, 8)}`;
    await testDb().query(`update public.opportunities set title = $2 where id = $1`, [postingId, title]);
    // the announcement travels asynchronously: allow it 3 s, well under the page's 10 s
    let body = '';
    for (let i = 0; i < 30 && !body.includes(title); i++) {
      body = (await visit(pathname)).body;
      if (!body.includes(title)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(body).toContain(title);

    // closing the posting: the kept page is gone, the visitor sees it closed
    await keptVisit(pathname);
    await testDb().query(`update public.opportunities set status = 'closed' where id = $1`, [postingId]);
    let closed = await visit(pathname);
    for (let i = 0; i < 30 && closed.status === 200 && closed.body.includes('Откликнуться'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      closed = await visit(pathname);
    }
    expect(closed.headers.has('age')).toBe(false);
    await testDb().query(`update public.opportunities set status = 'published' where id = $1`, [postingId]);
  });

  test('a signed-in person’s page is neither served from the cache nor kept for others', async () => {
    const pathname = `/employers/${employer.organizationId}`;
    await keptVisit(pathname);
    const own = await visit(pathname, { cookie });
    expect(own.status).toBe(200);
    expect(own.headers.has('age')).toBe(false);
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(own.body).toContain(employer.fullName);
    // the anonymous visitor still gets the anonymous page
    const anonymous = await visit(pathname);
    expect(anonymous.body).not.toContain(employer.fullName);
    // and the employer's own data requests and form pages are never kept
    const data = await visit(`/opportunities/${postingId}/__data.json`);
    expect(data.headers.has('age')).toBe(false);
    const again = await visit(`/opportunities/${postingId}/__data.json`);
    expect(again.headers.has('age')).toBe(false);
    const signIn = await visit('/sign-in');
    await visit('/sign-in');
    expect(signIn.headers.has('age')).toBe(false);
    expect((await visit('/sign-in')).headers.has('age')).toBe(false);
  });

  test('a change of who a signed-in person is applies to their next request', async () => {
    // who they are is read with their session on every request (session.ts): nothing is kept
    const first = await visit('/employer', { cookie });
    expect(first.status).toBe(200);
    expect(first.body).toContain(employer.fullName);
    const renamed = `${employer.fullName.split(' ')[0]} Переименованный`;
    await testDb().query(`update public.profiles set full_name = $2 where id = $1`, [employer.id, renamed]);
    expect((await visit('/employer', { cookie })).body).toContain(renamed);
    // losing the organization: the employer's pages are no longer theirs
    await testDb().query(`delete from public.memberships where profile_id = $1`, [employer.id]);
    try {
      expect((await visit('/employer/applications', { cookie })).status).not.toBe(200);
    } finally {
      await testDb().query(
        `insert into public.memberships (organization_id, profile_id, role) values ($1, $2, 'owner')`,
        [employer.organizationId, employer.id],
      );
    }
    expect((await visit('/employer/applications', { cookie })).status).toBe(200);
  });
});
