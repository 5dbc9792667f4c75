import { z } from 'zod';
import { CONTRACT_KINDS } from '../contracts.ts';
import { isRealDate, UUID } from './fields.ts';
import { formLists, formValues, safeValues, type FieldErrors } from './form.ts';

/** The contract form (a party proposing, or the administration registering). */

const OKSO = /^\d{2}\.\d{2}\.\d{2}$/;

const requiredDate = (message: string) => z.string({ error: message }).trim().refine(isRealDate, { message });

const organization = (message: string) => z.string({ error: message }).trim().regex(UUID, message);

const contractFields = z
  .object({
    kind: z.enum(CONTRACT_KINDS, { error: 'Выберите вид договора' }),
    number: z
      .string({ error: 'Укажите номер договора' })
      .trim()
      .min(1, 'Укажите номер договора')
      .max(50, 'Номер договора — не длиннее 50 знаков'),
    signedOn: requiredDate('Укажите дату подписания'),
    validFrom: requiredDate('Укажите дату начала действия'),
    validTo: z.string().trim().optional(),
    indefinite: z.string().optional(),
    placesPerYear: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 10000) {
          ctx.addIssue({ code: 'custom', message: 'Мест в год — целое число от 1 до 10 000' });
          return z.NEVER;
        }
        return n;
      }),
    premisesAddress: z
      .string()
      .trim()
      .max(300, 'Адрес помещений — не длиннее 300 знаков')
      .optional()
      .transform((v) => v || null),
  })
  .transform((v, ctx) => {
    const indefinite = v.indefinite === 'on';
    let validTo: string | null = null;
    if (!indefinite) {
      if (!v.validTo || !isRealDate(v.validTo)) {
        ctx.addIssue({
          code: 'custom',
          path: ['validTo'],
          message: 'Укажите дату окончания или отметьте «бессрочный»',
        });
        return z.NEVER;
      }
      if (v.validTo < v.validFrom) {
        ctx.addIssue({
          code: 'custom',
          path: ['validTo'],
          message: 'Срок действия не может закончиться раньше, чем начался',
        });
        return z.NEVER;
      }
      validTo = v.validTo;
    }
    return { ...v, validTo, indefinite };
  });

export const partyContractSchema = contractFields.and(
  z.object({ partnerId: organization('Выберите вторую сторону договора') }),
);
export const adminContractSchema = contractFields.and(
  z.object({
    employerId: organization('Выберите работодателя'),
    universityId: organization('Выберите вуз'),
  }),
);

export type PartyContractInput = z.output<typeof partyContractSchema>;
export type AdminContractInput = z.output<typeof adminContractSchema>;
export type ContractFields = z.output<typeof contractFields> & { programmeCodes: string[] };

/** Programme codes: repeated inputs, blanks dropped, duplicates merged. */
export function parseProgrammeCodes(
  form: FormData,
): { ok: true; codes: string[] } | { ok: false; message: string } {
  const codes = [
    ...new Set(
      formLists(form, ['programmeCodes'])
        .programmeCodes.map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
  const bad = codes.find((c) => !OKSO.test(c));
  if (bad) return { ok: false, message: `«${bad}» — не код ОКСО: нужен вид 18.03.01` };
  if (codes.length > 100) return { ok: false, message: 'Не больше 100 направлений' };
  return { ok: true, codes };
}

/** Parses the whole contract form with its list of programmes. */
export function parseContractForm<S extends typeof partyContractSchema | typeof adminContractSchema>(
  schema: S,
  form: FormData,
):
  | { ok: true; data: z.output<S> & { programmeCodes: string[] } }
  | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const values = formValues(form);
  const errors: FieldErrors = {};
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  }
  const codes = parseProgrammeCodes(form);
  if (!codes.ok) errors.programmeCodes = codes.message;
  if (!result.success || !codes.ok) return { ok: false, errors, values: safeValues(values) };
  return { ok: true, data: { ...(result.data as z.output<S>), programmeCodes: codes.codes } };
}

export const contractIdSchema = z.object({
  id: z.string({ error: 'Договор не найден' }).trim().regex(UUID, 'Договор не найден'),
});

export const contractReasonSchema = contractIdSchema.extend({
  reason: z
    .string({ error: 'Укажите причину' })
    .trim()
    .min(1, 'Укажите причину')
    .max(1000, 'Причина — не длиннее 1000 знаков'),
});

/** The largest signed scan accepted, in bytes (the database refuses more too). */
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;
