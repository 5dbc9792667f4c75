import { describe, expect, it } from 'vitest';
import {
  FALLBACK_CSP,
  handleSecurityHeaders,
  securityHeaders,
  withSecurityHeaders,
} from '../../src/lib/server/security-headers.ts';
import type { RequestEvent } from '@sveltejs/kit';

describe('securityHeaders', () => {
  it('sends HSTS only when the public address is https', () => {
    expect(securityHeaders('https://profi.kemerovo.ru')['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(securityHeaders('http://127.0.0.1:3000')).not.toHaveProperty('strict-transport-security');
  });

  it('forbids framing and sniffing, and keeps the full address on the site', () => {
    expect(securityHeaders('http://127.0.0.1:3000')).toEqual({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
  });
});

describe('withSecurityHeaders', () => {
  const headers = securityHeaders('https://profi.kemerovo.ru');

  it("keeps a page's own policy and gives others frame-ancestors 'none'", () => {
    const page = new Response('<p>', { headers: { 'content-security-policy': "default-src 'self'" } });
    expect(withSecurityHeaders(page, headers).headers.get('content-security-policy')).toBe(
      "default-src 'self'",
    );
    const json = withSecurityHeaders(Response.json({ ok: true }), headers);
    expect(json.headers.get('content-security-policy')).toBe(FALLBACK_CSP);
    expect(json.headers.get('x-frame-options')).toBe('DENY');
  });

  it('copies a response whose headers are immutable (a redirect) instead of failing', async () => {
    const redirect = withSecurityHeaders(Response.redirect('https://profi.kemerovo.ru/', 302), headers);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://profi.kemerovo.ru/');
    expect(redirect.headers.get('strict-transport-security')).toContain('max-age=');

    const handle = handleSecurityHeaders(() => 'http://127.0.0.1:3000');
    const answered = await handle({
      event: {} as RequestEvent,
      resolve: () => Response.redirect('http://127.0.0.1:3000/sign-in', 303),
    });
    expect(answered.headers.get('x-frame-options')).toBe('DENY');
  });
});
