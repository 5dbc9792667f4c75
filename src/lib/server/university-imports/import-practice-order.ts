import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import type { ImportResult } from './import-student-list.ts';
import { parsePracticeOrder } from './practice-order.ts';

/**
 * Writes a practice order the person saw in the preview: the file is read and checked again, and
 * import_practice_order creates the placements in one transaction (a placement with the same
 * student, employer and start date is not created twice). Without onlyValid a single bad row
 * refuses the whole file.
 */
export async function importPracticeOrder(
  supabase: Supabase,
  bytes: Uint8Array,
  onlyValid: boolean,
): Promise<ImportResult> {
  const parsed = await parsePracticeOrder(bytes);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  if (parsed.errors.length && !onlyValid)
    return {
      ok: false,
      status: 400,
      message: 'В файле есть строки с ошибками: исправьте их или загрузите только верные строки',
    };
  if (!parsed.rows.length) return { ok: false, status: 400, message: 'В файле нет ни одной верной строки' };
  const { data, error } = await supabase.rpc('import_practice_order', {
    p_rows: parsed.rows as never,
    p_only_valid: onlyValid,
  });
  if (error) {
    const e = describeDbError(error);
    return { ok: false, status: e.status, message: e.message };
  }
  const rows = data ?? [];
  if (!rows.length) return { ok: false, status: 400, message: 'В файле нет ни одной верной строки' };
  const written = rows.filter((r) => r.created).length;
  return { ok: true, written, same: rows.length - written, skipped: parsed.lines.length - rows.length };
}
