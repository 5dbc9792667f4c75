import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** FormData → plain object; checkboxes become 'on' when checked, absent otherwise. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

/** The named fields with every value they were sent with (FormData.getAll): checkbox groups, repeated inputs. */
export function formLists<K extends string>(form: FormData, keys: readonly K[]): Record<K, string[]> {
  const lists = {} as Record<K, string[]>;
  for (const key of keys) {
    lists[key] = form.getAll(key).filter((v): v is string => typeof v === 'string');
  }
  return lists;
}

/** Fields that are never echoed back into a form. */
const SECRET = /password/i;

/** Parses a submitted form with a schema; the first message per field, in Russian. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.output<S>> {
  const values = formValues(form);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: safeValues(values) };
}

export function safeValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET.test(k)));
}
