import type { StudentNumberInput } from '../../schemas/indicators.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { forgetIndicatorFacts } from './facts-cache.ts';

const FIELDS: Record<string, string> = { university_id: 'universityId', year: 'year', students: 'students' };

/**
 * Sets a university's student number for a year (set_university_student_number: the administration
 * only, checked again in the database, which names the field of a refusal).
 */
export async function saveStudentNumber(
  supabase: Supabase,
  input: StudentNumberInput,
): Promise<{ ok: true } | { ok: false; status: number; field: string; message: string }> {
  const { error } = await supabase.rpc('set_university_student_number', {
    p_university_id: input.universityId,
    p_year: input.year,
    p_students: input.students,
  });
  if (!error) {
    forgetIndicatorFacts();
    return { ok: true };
  }
  return { ok: false, ...describeDbError(error, FIELDS) };
}
