import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataApiFetch, directUrl } from '../../src/lib/server/data-api-fetch.ts';

const dataApiFetch = createDataApiFetch((url) => url);

describe('directUrl', () => {
  const supabase = 'http://127.0.0.1:54321';
  const postgrest = 'http://127.0.0.1:54323';
  it('sends the Data API’s requests straight to PostgREST when POSTGREST_URL is set', () => {
    expect(directUrl(`${supabase}/rest/v1/organizations?select=id`, supabase, postgrest)).toBe(
      `${postgrest}/organizations?select=id`,
    );
    expect(directUrl(`${supabase}/rest/v1/rpc/apply_to_opportunity`, `${supabase}/`, postgrest)).toBe(
      `${postgrest}/rpc/apply_to_opportunity`,
    );
    expect(directUrl(`${supabase}/rest/v1`, supabase, postgrest)).toBe(postgrest);
  });
  it('leaves every other address alone', () => {
    expect(directUrl(`${supabase}/rest/v1/x`, supabase, `${supabase}/rest/v1`)).toBe(`${supabase}/rest/v1/x`);
    expect(directUrl(`${supabase}/rest/v10/x`, supabase, postgrest)).toBe(`${supabase}/rest/v10/x`);
    expect(directUrl(`${supabase}/storage/v1/object`, supabase, postgrest)).toBe(
      `${supabase}/storage/v1/object`,
    );
    expect(directUrl('http://elsewhere/rest/v1/x', supabase, postgrest)).toBe('http://elsewhere/rest/v1/x');
  });
});

describe('dataApiFetch', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const status = req.url === '/missing' ? 404 : 200;
        res.writeHead(status, { 'content-type': 'application/json', 'content-range': '0-0/7' });
        res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, body }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends method, headers (object or Headers) and body, and answers what supabase-js reads', async () => {
    const res = await dataApiFetch(`${base}/rpc/f?x=1`, {
      method: 'POST',
      headers: new Headers({ Authorization: 'Bearer t0ken', 'content-type': 'application/json' }),
      body: JSON.stringify({ p: 'Кемерово' }),
    });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Range')).toBe('0-0/7');
    expect(res.headers.get('x-missing')).toBeNull();
    expect(JSON.parse(await res.text())).toEqual({
      method: 'POST',
      url: '/rpc/f?x=1',
      auth: 'Bearer t0ken',
      body: '{"p":"Кемерово"}',
    });
    const missing = await dataApiFetch(`${base}/missing`, { headers: { authorization: 'Bearer x' } });
    expect(missing.ok).toBe(false);
    expect(missing.status).toBe(404);
  });

  it('fails the way fetch does when nothing listens, and refuses bodies it cannot send', async () => {
    await expect(dataApiFetch('http://127.0.0.1:9/x')).rejects.toThrow();
    await expect(dataApiFetch(`${base}/x`, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(
      /только строка/,
    );
  });
});
