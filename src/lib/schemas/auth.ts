import { z } from 'zod';
import { isValidInn } from '../validation/inn.ts';

/** Version of the personal-data consent text shown at sign-up (src/lib/consent.ts holds the text). */
export const CONSENT_VERSION = '2026-11-01';
/** Version of the representative's consent (employer sign-up, invitations; REPRESENTATIVE_CONSENT_TEXT). */
export const REPRESENTATIVE_CONSENT_VERSION = 'representative-2026-12';

const trimmed = (message: string) => z.string({ error: message }).trim();

export const email = trimmed('Укажите адрес электронной почты')
  .toLowerCase()
  .min(1, 'Укажите адрес электронной почты')
  .max(254, 'Адрес слишком длинный')
  .pipe(z.email({ error: 'Адрес электронной почты указан неверно' }));

export const PASSWORD_MIN_LENGTH = 10;

export const newPassword = z
  .string({ error: 'Придумайте пароль' })
  .min(PASSWORD_MIN_LENGTH, `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов`)
  .max(128, 'Пароль должен быть не длиннее 128 символов');

export const fullName = trimmed('Укажите имя и фамилию')
  .min(2, 'Укажите имя и фамилию')
  .max(200, 'Имя слишком длинное');

const consent = z.literal('on', { error: 'Нужно согласие на обработку персональных данных' });

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : undefined));

const optionalInt = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });

export const programmeCode = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(
    z
      .string()
      .regex(/^\d{2}\.0[345]\.\d{2}$/, 'Выберите направление подготовки из списка (код вида 18.03.01)')
      .optional(),
  );

export const uuid = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .pipe(z.uuid({ error: message }));

export const signUpPersonSchema = z
  .object({
    role: z.enum(['student', 'graduate'], { error: 'Выберите: студент или выпускник' }),
    fullName,
    email,
    password: newPassword,
    universityId: uuid('Выберите вуз'),
    programmeCode,
    yearOfStudy: optionalInt(1, 6, 'Курс — число от 1 до 6'),
    graduationYear: optionalInt(1990, 2035, 'Год выпуска указан неверно'),
    consent,
  })
  .superRefine((v, ctx) => {
    if (v.role === 'student' && v.yearOfStudy === undefined) {
      ctx.addIssue({ code: 'custom', path: ['yearOfStudy'], message: 'Укажите курс' });
    }
    if (v.role === 'graduate' && v.graduationYear === undefined) {
      ctx.addIssue({ code: 'custom', path: ['graduationYear'], message: 'Укажите год выпуска' });
    }
  });

export const inn = trimmed('Укажите ИНН организации')
  .min(1, 'Укажите ИНН организации')
  .regex(/^(\d{10}|\d{12})$/, 'ИНН состоит из 10 цифр (организация) или 12 цифр (ИП)')
  .refine(isValidInn, 'ИНН указан с ошибкой: не сходится контрольное число');

export const signUpEmployerSchema = z.object({
  fullName,
  position: optionalText(200, 'Должность слишком длинная'),
  email,
  password: newPassword,
  organizationName: trimmed('Укажите название организации')
    .min(2, 'Укажите название организации')
    .max(300, 'Название слишком длинное'),
  inn,
  industryCode: z.string({ error: 'Выберите отрасль' }).regex(/^[A-U]$/, 'Выберите отрасль из списка'),
  districtCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  address: optionalText(300, 'Адрес слишком длинный'),
  website: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z
        .url({ error: 'Адрес сайта должен начинаться с http:// или https://', protocol: /^https?$/ })
        .optional(),
    ),
  consent,
});

export const signInSchema = z.object({
  email,
  password: z.string({ error: 'Введите пароль' }).min(1, 'Введите пароль'),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1, 'Ссылка для смены пароля неполная: откройте её из письма ещё раз'),
    password: newPassword,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'Пароли не совпадают',
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Введите текущий пароль'),
    password: newPassword,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'Пароли не совпадают',
  });

export const changeEmailSchema = z.object({ email });

export const acceptInvitationSchema = z.object({
  fullName,
  position: optionalText(200, 'Должность слишком длинная'),
  password: newPassword,
  consent,
});

export const deleteAccountSchema = z.object({
  deletePassword: z.string().min(1, 'Введите пароль, чтобы подтвердить удаление'),
  confirm: z.literal('on', { error: 'Отметьте, что понимаете: удаление необратимо' }),
});
