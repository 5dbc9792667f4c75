import { z } from 'zod';
import { dateField, optionalText, UUID, wholeNumber } from './fields.ts';

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');

const date = (message: string, { required = false } = {}) => dateField(message, { required });
const int = (min: number, max: number, message: string, { required = false } = {}) =>
  wholeNumber(min, max, message, { required });

/**
 * Forms of stipend awards and target-training agreements (issue 8 items 3, 4). The database
 * functions check the same rules again (and the ones only it can: who the student is, the state).
 */

export const recordIdSchema = z.object({
  id: z.string().trim().regex(UUID, 'Запись не найдена'),
});

/** The student an employer names: one of those who applied (a select) or an address. */
const studentFields = {
  studentId: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!UUID.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'Выберите студента из списка' });
        return z.NEVER;
      }
      return v;
    }),
  studentEmail: z
    .string()
    .trim()
    .max(254, 'Адрес слишком длинный')
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'Адрес электронной почты указан неверно' });
        return z.NEVER;
      }
      return v.toLowerCase();
    }),
};

function requireStudent(v: { studentId: string | null; studentEmail: string | null }, ctx: z.RefinementCtx) {
  if (!v.studentId && !v.studentEmail) {
    ctx.addIssue({
      code: 'custom',
      path: ['studentEmail'],
      message: 'Укажите студента: выберите из откликнувшихся или введите его адрес',
    });
  }
}

export const stipendAwardSchema = z
  .object({
    ...studentFields,
    amountPerMonth: int(1, 10_000_000, 'Укажите размер стипендии в рублях в месяц (от 1 до 10 000 000)', {
      required: true,
    }),
    months: int(1, 72, 'Срок стипендии — от 1 до 72 месяцев', { required: true }),
    startsOn: date('Укажите дату начала выплат', { required: true }),
    orderNumber: optionalText(50, 'Номер приказа — не длиннее 50 знаков'),
  })
  .superRefine(requireStudent);
export type StipendAwardInput = z.output<typeof stipendAwardSchema>;

export const reasonSchema = recordIdSchema.extend({
  reason: z
    .string()
    .trim()
    .min(3, 'Укажите причину (от 3 до 1 000 знаков)')
    .max(1000, 'Причина — не длиннее 1 000 знаков'),
});

export const orderNumberSchema = recordIdSchema.extend({
  orderNumber: z
    .string()
    .trim()
    .min(1, 'Укажите номер приказа')
    .max(50, 'Номер приказа — не длиннее 50 знаков'),
});

export const targetAgreementSchema = z
  .object({
    ...studentFields,
    programmeCode: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        const code = (v ?? '').split(/\s/)[0];
        if (!code) return null;
        if (!/^\d{2}\.\d{2}\.\d{2}$/.test(code)) {
          ctx.addIssue({ code: 'custom', message: 'Код направления по ОКСО — вида 18.03.01' });
          return z.NEVER;
        }
        return code;
      }),
    workYears: int(3, 10, 'Срок отработки — от 3 до 10 лет (Постановление № 555)', { required: true }),
    supportStipendPerMonth: int(1, 10_000_000, 'Стипендия заказчика — от 1 до 10 000 000 ₽ в месяц'),
    supportHousing: checkbox,
    supportOther: optionalText(3000, 'Иные меры поддержки — не длиннее 3 000 знаков'),
    practiceAtCustomer: checkbox,
    agreementNumber: optionalText(50, 'Номер договора — не длиннее 50 знаков'),
    agreementDate: date('Дата договора указана неверно'),
  })
  .superRefine(requireStudent);
export type TargetAgreementInput = z.output<typeof targetAgreementSchema>;

/** The customer's signature: the number and date when the agreement has none yet. */
export const signSchema = recordIdSchema.extend({
  agreementNumber: optionalText(50, 'Номер договора — не длиннее 50 знаков'),
  agreementDate: date('Дата договора указана неверно'),
});
