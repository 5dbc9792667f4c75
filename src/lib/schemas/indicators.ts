import { z } from 'zod';
import type { FieldErrors } from './form.ts';

const isoDate = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), message);

/** A new programme period: its name and first and last day; plans are kept per calendar year. */
export const periodSchema = z
  .object({
    name: z.string().trim().min(2, 'Укажите название периода').max(200, 'Название — не длиннее 200 символов'),
    startsOn: isoDate('Укажите дату начала'),
    endsOn: isoDate('Укажите дату окончания'),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn <= v.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'Окончание — позже начала' });
    } else if (Number(v.endsOn.slice(0, 4)) - Number(v.startsOn.slice(0, 4)) >= 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'Период — не длиннее десяти календарных лет',
      });
    }
  });

export type PeriodInput = z.output<typeof periodSchema>;

/** The form field of one plan: `plan:<indicator>:<year>`, or `plan:<indicator>:base` for the baseline. */
export function planField(code: string, year: number | null): string {
  return `plan:${code}:${year ?? 'base'}`;
}

const planValue = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    const normalized = v.replace(/\s/g, '').replace(',', '.');
    if (!/^-?\d+(\.\d+)?$/.test(normalized)) {
      ctx.addIssue({ code: 'custom', message: 'Введите число, например 24 или 2,5' });
      return z.NEVER;
    }
    const n = Number(normalized);
    if (n < 0) {
      ctx.addIssue({ code: 'custom', message: 'План не может быть отрицательным' });
      return z.NEVER;
    }
    if (n > 999_999_999_999) {
      ctx.addIssue({ code: 'custom', message: 'Слишком большое число' });
      return z.NEVER;
    }
    if (!Number.isInteger(n * 100)) {
      ctx.addIssue({ code: 'custom', message: 'Не больше двух знаков после запятой' });
      return z.NEVER;
    }
    return n;
  });

export interface PlanInput {
  code: string;
  year: number | null;
  /** null: no plan (the row is removed) */
  value: number | null;
}

/**
 * The plans form: one field per indicator × year (and baseline). Fields left empty remove the plan.
 * Every bad value gets its own message at its field.
 */
export function parsePlansForm(
  form: FormData,
  codes: readonly string[],
  years: readonly number[],
): { ok: true; plans: PlanInput[] } | { ok: false; errors: FieldErrors } {
  const plans: PlanInput[] = [];
  const errors: FieldErrors = {};
  for (const code of codes) {
    for (const year of [null, ...years]) {
      const field = planField(code, year);
      const raw = form.get(field);
      if (typeof raw !== 'string') continue;
      const parsed = planValue.safeParse(raw);
      if (parsed.success) plans.push({ code, year, value: parsed.data });
      else errors[field] = parsed.error.issues[0]?.message ?? 'Введите число';
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, plans };
}

/** Filters of a drill-down list. */
export const recordsFilterSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  university: z.string().trim().max(100).optional().catch(undefined),
  /** the drill-down's page, from 1 */
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

/** The administration's student number of one university for one year (students_informed_pct). */
export const studentNumberSchema = z.object({
  universityId: z
    .string({ error: 'Выберите вуз' })
    .trim()
    .pipe(z.uuid({ error: 'Выберите вуз' })),
  year: z
    .string({ error: 'Укажите год' })
    .trim()
    .regex(/^\d{4}$/, 'Укажите год четырьмя цифрами')
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100, 'Год — от 2000 до 2100'),
  students: z
    .string({ error: 'Укажите численность студентов' })
    .trim()
    .transform((v) => v.replace(/[\s\u00a0]/g, ''))
    .refine((v) => v !== '', 'Укажите численность студентов')
    .refine((v) => /^-?\d+([.,]\d+)?$/.test(v), 'Численность — целое число, например 12500')
    .refine((v) => /^-?\d+$/.test(v), 'Численность — целое число, без дробной части')
    .transform(Number)
    .refine((n) => n > 0, 'Численность должна быть больше нуля')
    .refine((n) => n <= 1_000_000, 'Численность — не больше 1 000 000'),
});

export type StudentNumberInput = z.output<typeof studentNumberSchema>;
