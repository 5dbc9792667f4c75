import { fail } from '@sveltejs/kit';
import { formValues, safeValues, type FieldErrors } from '../schemas/form.ts';

/** A 4xx answer for a form: the messages by field, and what was typed (passwords never echoed). */
export function formFailure(status: number, errors: FieldErrors, form?: FormData) {
  return fail(status, { errors, values: form ? safeValues(formValues(form)) : {} });
}
