import type { PostgrestError } from '@supabase/supabase-js';
import { describeDbError } from '../errors.ts';

/** A refused move: one Russian message, bound to a form field, with its HTTP status. */
export interface Refusal {
  ok: false;
  field: string;
  message: string;
  status: number;
}

/** Database hints of the application functions → form field names. */
const APPLICATION_FIELDS: Record<string, string> = {
  cover_letter: 'coverLetter',
  consent: 'consent',
  opportunity: 'form',
  status: 'form',
  token: 'form',
};

/**
 * The refusal of an application function. «отклик не найден» / «запись о приёме не найдена»
 * (42501, hint id) is what the functions say of someone else's record or an id that does not
 * exist: to the person that is a missing page, 404, not a hint that it exists.
 */
export function refusal(error: PostgrestError): Refusal {
  const described = describeDbError(error, APPLICATION_FIELDS);
  if (error.hint === 'id') return { ok: false, ...described, field: 'form', status: 404 };
  return { ok: false, ...described };
}
