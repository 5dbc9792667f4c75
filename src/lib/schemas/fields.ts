import { z } from 'zod';

/**
 * Field shapes that several forms share: what a person types arrives as a string (or nothing), is
 * trimmed, and either becomes a value or an issue with the form's own Russian message.
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record's id as our addresses and forms carry it (any case). */
export const isUuid = (v: string | null | undefined): v is string => !!v && UUID.test(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD that names a day of the calendar (no 31 April). */
export function isRealDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Text of at most `max` characters; empty becomes null. */
export const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : null));

/** A date field (YYYY-MM-DD, as `<input type="date">` sends it); empty is null unless required. */
export const dateField = (message: string, { required }: { required: boolean }) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: 'custom', message });
        return null;
      }
      if (!isRealDate(v)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return v;
    });

/** A whole number typed by a person: spaces between thousands are fine («50 000»). */
export const wholeNumber = (min: number, max: number, message: string, { required }: { required: boolean }) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      const clean = (v ?? '').replace(/[\s\u00a0]/g, '');
      if (!clean) {
        if (required) ctx.addIssue({ code: 'custom', message });
        return null;
      }
      const n = Number(clean);
      if (!/^\d+$/.test(clean) || !Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });
