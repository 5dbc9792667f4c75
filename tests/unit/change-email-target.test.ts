import { describe, expect, it } from 'vitest';
import { changeEmailTarget } from '../../src/lib/server/auth/options.ts';

const jwt = (payload: object) =>
  ['e30', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'sig'].join('.');

describe('changeEmailTarget', () => {
  it('finds the new address in a change-of-email verification link', () => {
    const url = `http://127.0.0.1:3000/api/auth/verify-email?token=${jwt({ email: 'old@x.ru', updateTo: 'new@x.ru' })}`;
    expect(changeEmailTarget(url)).toBe('new@x.ru');
  });

  it('is null for an ordinary verification link or a malformed one', () => {
    expect(changeEmailTarget(`http://h/api/auth/verify-email?token=${jwt({ email: 'a@x.ru' })}`)).toBeNull();
    expect(changeEmailTarget('http://h/api/auth/verify-email?token=garbage')).toBeNull();
    expect(changeEmailTarget('not a url')).toBeNull();
  });
});
