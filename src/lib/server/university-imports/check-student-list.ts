import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { LIST_STATUS_LABELS, parseStudentList, type ListStatus } from './student-list.ts';
import { dbErrors, summarize, type ImportPreview, type PreviewRow } from './preview.ts';

export type ImportCheck =
  { ok: true; preview: ImportPreview } | { ok: false; status: number; message: string };

/**
 * The preview of a student list: the file read, then every row matched and checked by the
 * database in one call (check_student_list, the staff member's own JWT). Writes nothing.
 */
export async function checkStudentList(
  supabase: Supabase,
  fileName: string,
  bytes: Uint8Array,
  defaultStatus: ListStatus,
): Promise<ImportCheck> {
  const parsed = await parseStudentList(bytes, defaultStatus);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  const errors = [...parsed.errors];
  const results = new Map<number, { same: boolean; bad: boolean; status: string }>();
  if (parsed.rows.length) {
    const { data, error } = await supabase.rpc('check_student_list', { p_rows: parsed.rows as never });
    if (error) {
      const e = describeDbError(error);
      return { ok: false, status: e.status, message: e.message };
    }
    for (const r of data ?? []) {
      const rowErrors = dbErrors(r.row_no, r.errors);
      errors.push(...rowErrors);
      results.set(r.row_no, { same: r.unchanged, bad: rowErrors.length > 0, status: r.status ?? '' });
    }
  }
  const byLine = new Map(parsed.rows.map((r) => [r.line, r]));
  const rows: PreviewRow[] = parsed.lines.map((line) => {
    const row = byLine.get(line);
    const result = results.get(line);
    const detail = row
      ? [
          row.okso,
          row.course ? `${row.course} курс` : row.graduation_year ? `выпуск ${row.graduation_year}` : null,
          LIST_STATUS_LABELS[row.status],
        ]
          .filter(Boolean)
          .join(', ')
      : '';
    return {
      line,
      name: parsed.names.get(line) ?? '',
      detail,
      state: !row || !result || result.bad ? 'error' : result.same ? 'same' : 'new',
    };
  });
  return { ok: true, preview: summarize(fileName, bytes, rows, errors) };
}
