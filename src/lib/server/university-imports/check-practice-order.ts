import { PRACTICE_TYPE_LABELS } from '../../placements.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { parsePracticeOrder } from './practice-order.ts';
import { dbErrors, summarize, type PreviewRow } from './preview.ts';
import type { ImportCheck } from './check-student-list.ts';

const ru = (iso: string) => iso.split('-').reverse().join('.');

/**
 * The preview of a practice order: the file read, then every row matched and checked by the
 * database in one call (check_practice_order, the staff member's own JWT). Writes nothing.
 */
export async function checkPracticeOrder(
  supabase: Supabase,
  fileName: string,
  bytes: Uint8Array,
): Promise<ImportCheck> {
  const parsed = await parsePracticeOrder(bytes);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  const errors = [...parsed.errors];
  const results = new Map<number, { same: boolean; bad: boolean; employer: string | null }>();
  if (parsed.rows.length) {
    const { data, error } = await supabase.rpc('check_practice_order', { p_rows: parsed.rows as never });
    if (error) {
      const e = describeDbError(error);
      return { ok: false, status: e.status, message: e.message };
    }
    for (const r of data ?? []) {
      const rowErrors = dbErrors(r.row_no, r.errors);
      errors.push(...rowErrors);
      results.set(r.row_no, {
        same: r.existing_id !== null,
        bad: rowErrors.length > 0,
        employer: r.organization_name,
      });
    }
  }
  const byLine = new Map(parsed.rows.map((r) => [r.line, r]));
  const rows: PreviewRow[] = parsed.lines.map((line) => {
    const row = byLine.get(line);
    const result = results.get(line);
    const detail = row
      ? [
          result?.employer ?? `ИНН ${row.inn}`,
          PRACTICE_TYPE_LABELS[row.practice_type],
          `${ru(row.starts_on)} — ${ru(row.ends_on)}`,
          row.order_number && row.order_date ? `приказ № ${row.order_number} от ${ru(row.order_date)}` : null,
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
