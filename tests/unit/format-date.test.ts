import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/lib/components/opportunities/format.ts';

describe('formatDate', () => {
  it('gives a calendar date in words, the same on every call (the words are kept)', () => {
    expect(formatDate('2026-12-05')).toBe('5 декабря 2026 г.');
    expect(formatDate('2026-12-05')).toBe('5 декабря 2026 г.');
    expect(formatDate('2027-01-31')).toBe('31 января 2027 г.');
  });

  it('reads a moment in Kemerovo time, and nothing as empty', () => {
    // 20:30 UTC on 4 December is already 5 December in Kemerovo (UTC+7)
    expect(formatDate('2026-12-04T20:30:00Z')).toBe('5 декабря 2026 г.');
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
  });
});
