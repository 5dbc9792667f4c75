import { z } from 'zod';
import { UUID } from './fields.ts';
import { EVENT_AUDIENCES, EVENT_KINDS, fromKemerovoLocal } from '../events.ts';

const kemerovoTime = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((v, ctx) => {
      const iso = fromKemerovoLocal(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return iso;
    });

const int = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((v, ctx) => {
      const n = Number(v);
      if (!v || !Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });

/** The organizer's form of a new event; times are typed in Kemerovo time. */
export const eventSchema = z
  .object({
    kind: z.enum(EVENT_KINDS, { error: 'Выберите вид мероприятия' }),
    title: z
      .string({ error: 'Укажите название' })
      .trim()
      .min(3, 'Название — от 3 до 200 знаков')
      .max(200, 'Название — от 3 до 200 знаков'),
    description: z.string().trim().max(5000, 'Описание — не длиннее 5000 знаков').optional().default(''),
    startsAt: kemerovoTime('Укажите дату и время начала'),
    endsAt: kemerovoTime('Укажите дату и время окончания'),
    place: z
      .string()
      .trim()
      .max(300, 'Место — не длиннее 300 знаков')
      .optional()
      .transform((v) => v || null),
    onlineUrl: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine(
        (v) => v === null || /^https?:\/\/\S+$/.test(v),
        'Ссылка должна начинаться с http:// или https://',
      ),
    audience: z.enum(EVENT_AUDIENCES, { error: 'Выберите, для кого мероприятие' }),
    capacity: int(1, 10000, 'Мест — целое число от 1 до 10 000'),
  })
  .superRefine((v, ctx) => {
    if (v.endsAt <= v.startsAt)
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: 'Мероприятие должно закончиться позже, чем началось',
      });
    if (!v.place && !v.onlineUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['place'],
        message: 'Укажите место проведения или ссылку на трансляцию',
      });
  });
export type EventInput = z.output<typeof eventSchema>;

export const schoolGroupSchema = z.object({
  teacherName: z
    .string({ error: 'Укажите имя учителя' })
    .trim()
    .min(2, 'Укажите имя учителя')
    .max(200, 'Имя — не длиннее 200 знаков'),
  schoolName: z
    .string({ error: 'Укажите школу' })
    .trim()
    .min(2, 'Укажите школу')
    .max(300, 'Название школы — не длиннее 300 знаков'),
  email: z
    .string({ error: 'Укажите адрес электронной почты' })
    .trim()
    .min(1, 'Укажите адрес электронной почты')
    .max(254, 'Адрес электронной почты указан неверно')
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'Адрес электронной почты указан неверно'),
  headcount: int(1, 200, 'Число учеников — целое число от 1 до 200'),
});
export type SchoolGroupInput = z.output<typeof schoolGroupSchema>;

export const eventReasonSchema = z.object({
  reason: z
    .string({ error: 'Укажите причину отмены' })
    .trim()
    .min(1, 'Укажите причину отмены')
    .max(1000, 'Причина — не длиннее 1000 знаков'),
});

export const groupIdSchema = z.object({
  groupId: z.string({ error: 'Группа не найдена' }).trim().regex(UUID, 'Группа не найдена'),
});

export { isUuid } from './fields.ts';
