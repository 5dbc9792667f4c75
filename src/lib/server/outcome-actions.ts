import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { parseForm } from '../schemas/form.ts';
import { formValues, safeValues } from '../schemas/form.ts';

type Move<T> = (
  input: T,
) => Promise<{ ok: true } | { ok: false; field: string; message: string; status: number }>;

/**
 * One action on one record of a list (confirm, cancel, sign…): parse, call the move, answer with
 * the record's id among the values so the page shows the message on that record's card.
 */
export async function recordAction<S extends z.ZodType>(
  request: Request,
  schema: S,
  move: Move<z.output<S>>,
) {
  const form = await request.formData();
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, done: null });
  const result = await move(parsed.data);
  if (!result.ok)
    return fail(result.status, {
      errors: { [result.field]: result.message },
      values: safeValues(formValues(form)),
      done: null,
    });
  return { errors: {}, values: {}, done: (parsed.data as { id?: string }).id ?? null };
}
