import { z } from 'zod';
import { fullName, programmeCode } from './auth.ts';

const optional = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : null));

const phone = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(
    z
      .string()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'Телефон: цифры, пробелы, скобки и дефис, например +7 (3842) 00-00-00')
      .nullable(),
  );

const intOrNull = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });

export const personProfileSchema = z.object({
  fullName,
  phone,
  universityId: z.uuid({ error: 'Выберите вуз' }),
  programmeCode: programmeCode.transform((v) => v ?? null),
  yearOfStudy: intOrNull(1, 6, 'Курс — число от 1 до 6'),
  graduationYear: intOrNull(1990, 2035, 'Год выпуска указан неверно'),
  about: optional(3000, 'Не больше 3000 символов'),
});

export const staffProfileSchema = z.object({
  fullName,
  phone,
  position: optional(200, 'Должность слишком длинная'),
});

export const organizationSchema = z.object({
  name: z.string().trim().min(2, 'Укажите название организации').max(300, 'Название слишком длинное'),
  shortName: optional(100, 'Краткое название — не больше 100 символов'),
  industryCode: z
    .string()
    .regex(/^[A-U]$/, 'Выберите отрасль из списка')
    .optional()
    .transform((v) => v ?? null),
  districtCode: optional(40, 'Выберите район из списка'),
  address: optional(300, 'Адрес слишком длинный'),
  website: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .url({ error: 'Адрес сайта должен начинаться с http:// или https://', protocol: /^https?$/ })
        .nullable(),
    ),
  description: optional(5000, 'Описание — не больше 5000 символов'),
});

export const verificationDecisionSchema = z
  .object({
    organizationId: z.uuid({ error: 'Не выбран работодатель' }),
    decision: z.enum(['verified', 'rejected'], { error: 'Выберите решение' }),
    note: optional(1000, 'Не больше 1000 символов'),
  })
  .refine((v) => v.decision === 'verified' || v.note, {
    path: ['note'],
    message: 'Укажите причину отказа: её получит работодатель',
  });

export const universitySchema = z.object({
  name: z.string().trim().min(2, 'Укажите название вуза').max(300, 'Название слишком длинное'),
  shortName: optional(100, 'Краткое название — не больше 100 символов'),
  website: organizationSchema.shape.website,
});

export const invitationSchema = z.object({
  organizationId: z.uuid({ error: 'Выберите вуз' }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Адрес электронной почты указан неверно' })),
});

/** A member of an employer invites a colleague: the organization is always the inviter's own. */
export const colleagueInvitationSchema = z.object({
  email: z
    .string({ error: 'Укажите адрес электронной почты коллеги' })
    .trim()
    .toLowerCase()
    .min(1, 'Укажите адрес электронной почты коллеги')
    .pipe(
      z
        .email({ error: 'Адрес электронной почты указан неверно' })
        .max(254, 'Адрес электронной почты слишком длинный'),
    ),
});

export const invitationIdSchema = z.object({ id: z.uuid({ error: 'Приглашение не найдено' }) });
