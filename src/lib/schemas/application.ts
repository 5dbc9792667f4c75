import { z } from 'zod';
import { UUID } from './fields.ts';

/** The student's forms of an application: applying, withdrawing, declining an offer. */

export const COVER_LETTER_MAX = 3000;
export const NOTE_MAX = 3000;

/**
 * Browsers send a textarea's line breaks as CRLF; people (and the counter on the page) count one
 * character per line break, so does the database (char_length) after this.
 */
const normalizeLineBreaks = (v: string) => v.replace(/\r\n?/g, '\n');

/** Length in characters as the database counts them (code points, not UTF-16 units). */
export const charLength = (v: string) => Array.from(v).length;

const note = (message: string) =>
  z
    .string()
    .optional()
    .transform((v) => normalizeLineBreaks(v ?? '').trim())
    .refine((v) => charLength(v) <= NOTE_MAX, message)
    .transform((v) => (v ? v : null));

export const applySchema = z.object({
  coverLetter: z
    .string()
    .optional()
    .transform((v) => normalizeLineBreaks(v ?? '').trim())
    .refine((v) => charLength(v) <= COVER_LETTER_MAX, 'Сопроводительное письмо — не длиннее 3 000 знаков'),
  consent: z.literal('on', {
    error:
      'Отметьте согласие на передачу персональных данных этому работодателю: без него отклик не отправить',
  }),
});
export type ApplyInput = z.output<typeof applySchema>;

export const withdrawSchema = z.object({
  note: note('Комментарий — не длиннее 3 000 знаков'),
});

export const declineSchema = z.object({
  note: note('Комментарий — не длиннее 3 000 знаков'),
});

export { isUuid } from './fields.ts';

export const confirmEmploymentSchema = z.object({
  employmentId: z.string().regex(UUID, 'Запись о приёме не найдена'),
});
