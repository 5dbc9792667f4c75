import { z } from 'zod';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const RUSSIAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** A date from <input type="date"> (ГГГГ-ММ-ДД) or typed as ДД.ММ.ГГГГ; a real calendar day. */
function isoDate(text: string): string | null {
  let y: number, m: number, d: number;
  const iso = ISO.exec(text);
  const ru = RUSSIAN.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (ru) [y, m, d] = [Number(ru[3]), Number(ru[2]), Number(ru[1])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A number of open vacancies typed in by the administration, with where it came from. */
export const vacancySnapshotSchema = z.object({
  takenOn: z
    .string({ error: 'Укажите дату снимка' })
    .trim()
    .min(1, 'Укажите дату снимка')
    .transform((v, ctx) => {
      const iso = isoDate(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: 'Дата снимка — в виде ДД.ММ.ГГГГ' });
        return z.NEVER;
      }
      return iso;
    }),
  total: z
    .string({ error: 'Укажите число вакансий' })
    .trim()
    .min(1, 'Укажите число вакансий')
    .transform((v, ctx) => {
      const n = Number(v.replace(/[\s\u00a0]/g, ''));
      if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
        ctx.addIssue({ code: 'custom', message: 'Число вакансий — целое, от 0 до 10 000 000' });
        return z.NEVER;
      }
      return n;
    }),
  sourceNote: z
    .string({ error: 'Укажите источник числа' })
    .trim()
    .min(1, 'Укажите источник числа, например «Банк вакансий ЦЗН г. Кемерово»')
    .max(300, 'Источник — не длиннее 300 знаков'),
});

export type VacancySnapshotInput = z.output<typeof vacancySnapshotSchema>;
