import { describe, expect, it } from 'vitest';
import { isExposedAuthEndpoint } from '../../src/lib/server/auth/exposed-endpoints.ts';

describe('isExposedAuthEndpoint', () => {
  it('lets through the links of letters', () => {
    expect(isExposedAuthEndpoint('GET', '/api/auth/verify-email')).toBe(true);
    expect(isExposedAuthEndpoint('GET', '/api/auth/reset-password/abcDEF123')).toBe(true);
  });

  it('keeps every other endpoint, method and path closed', () => {
    for (const [method, path] of [
      ['POST', '/api/auth/sign-up/email'],
      ['POST', '/api/auth/sign-in/email'],
      ['POST', '/api/auth/reset-password'],
      ['POST', '/api/auth/reset-password/abc'],
      ['POST', '/api/auth/verify-email'],
      ['POST', '/api/auth/change-password'],
      ['POST', '/api/auth/change-email'],
      ['POST', '/api/auth/delete-user'],
      ['POST', '/api/auth/update-user'],
      ['POST', '/api/auth/request-password-reset'],
      ['POST', '/api/auth/send-verification-email'],
      ['GET', '/api/auth/get-session'],
      ['GET', '/api/auth/list-sessions'],
      ['GET', '/api/auth/reset-password/abc/more'],
      ['GET', '/api/auth/verify-email/x'],
    ]) {
      expect(isExposedAuthEndpoint(method, path), `${method} ${path}`).toBe(false);
    }
  });
});
