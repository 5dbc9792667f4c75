import type { PostgrestError } from '@supabase/supabase-js';
import { PIPELINE_FIELDS } from '../../../schemas/pipeline.ts';
import { describeDbError } from '../../errors.ts';

export type MoveResult<T = undefined> =
  { ok: true; data: T } | { ok: false; field: string; message: string; status: number };

/** A pipeline function's answer: its data, or its Russian message bound to the form's field. */
export function moveResult<T>(data: T, error: PostgrestError | null): MoveResult<T> {
  if (error) return { ok: false, ...describeDbError(error, PIPELINE_FIELDS) };
  return { ok: true, data };
}
