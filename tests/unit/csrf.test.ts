import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { CROSS_SITE_FORM_MESSAGE, handleCrossSiteForms } from '../../src/lib/server/csrf.ts';

const APP = 'https://profi.example.ru';
const TOKEN = 'Zq3v8N4yHkT0b1mW7xR2pLs9dC5eF6gA_jU-oIiY0aQ';

interface Sent {
  method?: string;
  origin?: string | null;
  contentType?: string | null;
  accept?: string;
}

/** What the app answers: 'passed' when the request reaches the routes, else the refusal. */
async function send(path: string, { method = 'POST', origin = null, contentType, accept }: Sent = {}) {
  const headers = new Headers();
  if (origin) headers.set('origin', origin);
  if (contentType !== null) headers.set('content-type', contentType ?? 'application/x-www-form-urlencoded');
  if (accept) headers.set('accept', accept);
  // a Blob without a type adds no content-type of its own (a string body would add text/plain)
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(`${APP}${path}`, {
    method,
    headers,
    body: hasBody ? new Blob(['a=1']) : undefined,
  });
  const event = { request, url: new URL(request.url) } as RequestEvent;
  const response = await handleCrossSiteForms({ event, resolve: () => new Response('passed') });
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
}

describe('handleCrossSiteForms', () => {
  it('lets same-origin form submissions through', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await send('/sign-in', { method, origin: APP })).body).toBe('passed');
    }
  });

  it('refuses a form from another site, or without an Origin, for every unsafe method', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const origin of ['https://evil.example', null, 'http://profi.example.ru']) {
        const answer = await send('/sign-in', { method, origin });
        expect(answer, `${method} from ${origin}`).toMatchObject({
          status: 403,
          body: CROSS_SITE_FORM_MESSAGE,
        });
      }
    }
  });

  it('covers every content type a form on another site can send, with parameters and in any case', async () => {
    for (const contentType of [
      'application/x-www-form-urlencoded;charset=UTF-8',
      'multipart/form-data; boundary=----x',
      'text/plain',
      'Text/Plain; charset=utf-8',
      'application/x-sveltekit-formdata',
    ]) {
      expect(
        (await send('/sign-in', { origin: 'https://evil.example', contentType })).status,
        contentType,
      ).toBe(403);
    }
  });

  it('leaves what a foreign page cannot send without CORS alone, and reads', async () => {
    expect((await send('/api/auth/sign-in/email', { contentType: 'application/json' })).body).toBe('passed');
    expect((await send('/sign-in', { contentType: null })).body).toBe('passed');
    expect((await send('/opportunities', { method: 'GET', origin: 'https://evil.example' })).body).toBe(
      'passed',
    );
  });

  it('answers JSON to a client that asks for JSON', async () => {
    const answer = await send('/sign-in', { origin: 'https://evil.example', accept: 'application/json' });
    expect(answer.status).toBe(403);
    expect(answer.type).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toEqual({ message: CROSS_SITE_FORM_MESSAGE });
  });

  it('lets RFC 8058 one-click unsubscribe through: POST /unsubscribe/<token> from any site or none', async () => {
    expect((await send(`/unsubscribe/${TOKEN}`, { origin: 'https://mail.example.net' })).body).toBe('passed');
    expect((await send(`/unsubscribe/${TOKEN}`)).body).toBe('passed');
    expect(
      (await send(`/unsubscribe/${TOKEN}`, { contentType: 'multipart/form-data; boundary=x' })).body,
    ).toBe('passed');
  });

  it('exempts nothing else: other methods, paths under or around it', async () => {
    const refused = [
      ['PUT', `/unsubscribe/${TOKEN}`],
      ['DELETE', `/unsubscribe/${TOKEN}`],
      ['POST', `/unsubscribe/${TOKEN}/`],
      ['POST', `/unsubscribe/${TOKEN}/__data.json`],
      ['POST', `/unsubscribe/${TOKEN}/more`],
      ['POST', '/unsubscribe/'],
      ['POST', '/unsubscribe'],
      ['POST', `/unsubscribe/a%2F${TOKEN}`],
      ['POST', `/x/unsubscribe/${TOKEN}`],
      ['POST', `/unsubscribex/${TOKEN}`],
    ];
    for (const [method, path] of refused) {
      expect((await send(path, { method, origin: 'https://evil.example' })).status, `${method} ${path}`).toBe(
        403,
      );
    }
  });
});
