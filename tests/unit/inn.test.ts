import { describe, expect, it } from 'vitest';
import { isValidInn } from '../../src/lib/validation/inn.ts';

describe('isValidInn', () => {
  it('accepts real check digits of legal entities (10 digits)', () => {
    // ИНН of the Federal Tax Service itself and of Sberbank, both public records
    expect(isValidInn('7707329152')).toBe(true);
    expect(isValidInn('7707083893')).toBe(true);
  });

  it('accepts a valid individual entrepreneur number (12 digits)', () => {
    expect(isValidInn('500100732259')).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidInn('7707329153')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
  });

  it('refuses other lengths and non-digits', () => {
    for (const inn of ['', '770732915', '77073291521', '77073291a2', ' 7707329152', '7707 329152']) {
      expect(isValidInn(inn), inn).toBe(false);
    }
  });
});
