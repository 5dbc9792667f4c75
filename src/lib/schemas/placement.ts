import { z } from 'zod';

const isoDate = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message);
const optional = (schema: z.ZodString) =>
  z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(schema.nullable());

export const confirmPlacementSchema = z.object({
  orderNumber: z.string().trim().min(1, 'Укажите номер приказа').max(50, 'Номер приказа — до 50 знаков'),
  orderDate: isoDate('Укажите дату приказа'),
  universitySupervisor: z.string().trim().max(200, 'Руководитель от вуза — до 200 знаков').default(''),
});

export const acceptPlacementSchema = z.object({
  supervisorName: z.string().trim().min(2, 'Укажите ФИО руководителя практики').max(200, 'До 200 знаков'),
  supervisorPosition: z.string().trim().min(2, 'Укажите должность руководителя').max(200, 'До 200 знаков'),
  supervisorEmail: z.string().trim().email('Укажите адрес электронной почты руководителя'),
});

const grade = z.enum(['2', '3', '4', '5'], { message: 'Выберите оценку' }).transform(Number);

export const closePlacementSchema = z.object({ grade, note: z.string().trim().max(1000).default('') });

export const cancelPlacementSchema = z.object({
  reason: z.string().trim().min(3, 'Укажите причину отмены').max(1000, 'Причина — до 1 000 знаков'),
});

export const supervisorCharacteristicSchema = z.object({
  characteristic: z
    .string()
    .trim()
    .min(20, 'Напишите характеристику: не короче 20 знаков')
    .max(10000, 'Характеристика — до 10 000 знаков'),
  grade,
});

export const PRACTICE_TYPES = ['educational', 'industrial', 'pre_diploma'] as const;

export const createPlacementsSchema = z
  .object({
    organizationId: z.string().uuid('Выберите работодателя'),
    startsOn: isoDate('Укажите дату начала практики'),
    endsOn: isoDate('Укажите дату окончания практики'),
    practiceType: z.enum(PRACTICE_TYPES, { message: 'Выберите вид практики' }),
    universitySupervisor: z.string().trim().max(200, 'До 200 знаков').default(''),
    orderNumber: optional(z.string().max(50, 'Номер приказа — до 50 знаков')).default(''),
    orderDate: optional(isoDate('Дата приказа — в формате ДД.ММ.ГГГГ')).default(''),
  })
  .refine((v) => v.endsOn >= v.startsOn, {
    path: ['endsOn'],
    message: 'Дата окончания практики не может быть раньше даты начала',
  })
  .refine((v) => !v.orderNumber === !v.orderDate, {
    path: ['orderNumber'],
    message: 'Укажите и номер, и дату приказа — или оставьте оба поля пустыми',
  });
