import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAccessToken } from '../../src/lib/server/jwt.ts';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const key = new TextEncoder().encode(SECRET);

describe('signAccessToken', () => {
  it('is an HS256 JWT that an independent implementation (jose) verifies, with the claims PostgREST reads', async () => {
    const now = Date.now();
    const token = signAccessToken(
      {
        sub: '6f1c2b9e-0000-4000-8000-000000000001',
        email: 'ученик@example.ru',
        app_role: 'student',
        org_id: null,
      },
      SECRET,
      300,
      now,
    );
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, key, { audience: 'authenticated', algorithms: ['HS256'] });
    expect(payload).toMatchObject({
      sub: '6f1c2b9e-0000-4000-8000-000000000001',
      email: 'ученик@example.ru',
      app_role: 'student',
      org_id: null,
      role: 'authenticated',
      aud: 'authenticated',
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + 300,
    });
  });

  it('is refused with another secret, and once its lifetime is over', async () => {
    const token = signAccessToken({ sub: 'x' }, SECRET, 300, Date.now());
    await expect(jwtVerify(token, new TextEncoder().encode(`${SECRET}!`))).rejects.toThrow();
    const old = signAccessToken({ sub: 'x' }, SECRET, 300, Date.now() - 301_000);
    await expect(jwtVerify(old, key)).rejects.toThrow(/exp/);
  });

  it('cannot be stretched: a changed claim breaks the signature', async () => {
    const token = signAccessToken({ sub: 'x', app_role: 'student' }, SECRET, 300, Date.now());
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    forged.app_role = 'administrator';
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    await expect(jwtVerify(tampered, key)).rejects.toThrow(/signature/);
  });
});
