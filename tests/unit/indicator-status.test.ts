import { describe, expect, test } from 'vitest';
import { percentOfPlan, ratioNote, yearStatus } from '../../src/lib/indicators.ts';

describe('% of plan', () => {
  test('growth: fact ÷ plan', () => {
    expect(percentOfPlan('growth', 600, 4)).toBe(0.7);
    expect(percentOfPlan('growth', 30, 15)).toBe(50);
    expect(percentOfPlan('growth', 0, 5)).toBeNull();
    expect(percentOfPlan('growth', null, 5)).toBeNull();
  });

  test('reduction: plan ÷ fact — a fact below the plan is more than 100 %', () => {
    expect(percentOfPlan('reduction', 2, 0.5)).toBe(400);
    expect(percentOfPlan('reduction', 2, 2)).toBe(100);
    expect(percentOfPlan('reduction', 2, 8)).toBe(25);
    expect(percentOfPlan('reduction', 2, 0)).toBeNull();
    expect(percentOfPlan('reduction', 2, null)).toBeNull();
  });
});

describe('status of a year', () => {
  const end = '2025-08-31';
  test('growth: met as soon as the plan is reached, not met after the year', () => {
    expect(yearStatus('growth', { year: 2024, plan: 10, fact: 12 }, end, '2024-05-01')).toBe('met');
    expect(yearStatus('growth', { year: 2024, plan: 10, fact: 2 }, end, '2024-05-01')).toBe('in_progress');
    expect(yearStatus('growth', { year: 2024, plan: 10, fact: 2 }, end, '2025-01-01')).toBe('not_met');
  });

  test('reduction: within the plan is met only once the year is over', () => {
    expect(yearStatus('reduction', { year: 2024, plan: 2, fact: 1 }, end, '2024-05-01')).toBe('in_progress');
    expect(yearStatus('reduction', { year: 2024, plan: 2, fact: 1 }, end, '2025-01-01')).toBe('met');
    expect(yearStatus('reduction', { year: 2024, plan: 2, fact: 3 }, end, '2025-01-01')).toBe('not_met');
    expect(yearStatus('reduction', { year: 2025, plan: 2, fact: 1 }, end, '2025-09-01')).toBe('met');
    expect(yearStatus('reduction', { year: 2024, plan: 2, fact: null }, end, '2025-01-01')).toBe('no_data');
  });
});

test('the two numbers of a ratio, or why there is none', () => {
  expect(ratioNote({ records: 3, hires: 2, vacancies: 10728, snapshot_on: '2023-01-19' })).toBe(
    '2 чел. ÷ 10\u00a0728 вакансий (снимок банка вакансий на 19.01.2023) × 100',
  );
  expect(ratioNote({ records: 1, hires: 1, no_snapshot: true })).toBe(
    'нет снимка банка вакансий за полгода до или после 1 января: процент не считается',
  );
  expect(ratioNote({ records: 4 })).toBeNull();
});
