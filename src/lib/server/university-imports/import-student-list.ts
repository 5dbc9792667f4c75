import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { parseStudentList, type ListStatus } from './student-list.ts';

export type ImportResult =
  | { ok: true; written: number; same: number; skipped: number }
  | { ok: false; status: number; message: string };

/**
 * Writes a student list the person saw in the preview: the file is read and checked again, and
 * import_student_list sets every matched student's state in one transaction (a student already in
 * that state is left alone). Without onlyValid a single bad row refuses the whole file.
 */
export async function importStudentList(
  supabase: Supabase,
  bytes: Uint8Array,
  defaultStatus: ListStatus,
  onlyValid: boolean,
): Promise<ImportResult> {
  const parsed = await parseStudentList(bytes, defaultStatus);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  if (parsed.errors.length && !onlyValid)
    return {
      ok: false,
      status: 400,
      message: 'В файле есть строки с ошибками: исправьте их или загрузите только верные строки',
    };
  if (!parsed.rows.length) return { ok: false, status: 400, message: 'В файле нет ни одной верной строки' };
  const { data, error } = await supabase.rpc('import_student_list', {
    p_rows: parsed.rows as never,
    p_only_valid: onlyValid,
  });
  if (error) {
    const e = describeDbError(error);
    return { ok: false, status: e.status, message: e.message };
  }
  const rows = data ?? [];
  if (!rows.length) return { ok: false, status: 400, message: 'В файле нет ни одной верной строки' };
  const written = rows.filter((r) => r.changed).length;
  return {
    ok: true,
    written,
    same: rows.length - written,
    skipped: parsed.lines.length - rows.length,
  };
}
