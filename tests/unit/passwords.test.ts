import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../src/lib/server/auth/common-passwords.ts';

describe('isCommonPassword', () => {
  it('refuses passwords from the leaked lists, whatever the case', () => {
    for (const p of ['1234567890', 'qwertyuiop', 'QwErTyUiOp', 'password123', 'йцукенгшщз', '1q2w3e4r5t']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it('refuses repeats and runs', () => {
    for (const p of ['aaaaaaaaaaaa', 'abcabcabcabc', '121212121212', 'abcdefghijkl', '0123456789']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it('accepts an ordinary strong password', () => {
    for (const p of ['Kuzbass-Demo-2026', 'тёплый-Кедр-42-Томь', 'x7#Lq9!mZ2pR']) {
      expect(isCommonPassword(p), p).toBe(false);
    }
  });
});
