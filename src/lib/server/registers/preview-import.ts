import { createHash } from 'node:crypto';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { checkRegister } from './check-register.ts';
import { registerDefinition } from './definitions.ts';
import { readTable } from './read-table.ts';
import { LookupRefused, supabaseReferences } from './references.ts';

/** Larger uploads are refused before reading (a 20 000-row register is about 1–2 MB as XLSX). */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;

export type PreviewResult =
  { ok: true; id: string } | { ok: false; field: string; message: string; status: number };

/**
 * Reads and checks a register file and keeps the result as a preview (public.create_import_preview):
 * every row's problems and the rows ready to import. Nothing of the register is written; a file that
 * cannot be read as XLSX or CSV is refused at the field.
 */
export async function previewImport(
  supabase: Supabase,
  input: { register: string; fileName: string; bytes: Uint8Array },
): Promise<PreviewResult> {
  const def = registerDefinition(input.register);
  if (!def) return { ok: false, field: 'register', message: 'Выберите реестр из списка', status: 400 };
  if (!def.available) {
    return {
      ok: false,
      field: 'register',
      message: `Импорт реестра «${def.title}» пока не подключён`,
      status: 400,
    };
  }
  if (input.bytes.length > MAX_FILE_BYTES) {
    return { ok: false, field: 'file', message: 'Файл больше 15 МБ: разделите реестр на части', status: 413 };
  }
  const read = await readTable(input.bytes);
  if (!read.ok) return { ok: false, field: 'file', message: read.message, status: 400 };
  let checked;
  try {
    checked = await checkRegister(def, read.table, supabaseReferences(supabase));
  } catch (err) {
    if (err instanceof LookupRefused)
      return { ok: false, field: 'file', message: err.message, status: err.status };
    throw err;
  }
  const { data, error } = await supabase.rpc('create_import_preview', {
    p_register: def.key,
    p_file_name: input.fileName,
    p_file_sha256: createHash('sha256').update(input.bytes).digest('hex'),
    p_row_count: checked.rowCount,
    p_rows: checked.rows as never,
    p_issues: checked.issues as never,
    p_notes: checked.notes as never,
  });
  if (error || !data) {
    const e = error
      ? describeDbError(error)
      : { field: 'form', message: 'Не удалось сохранить', status: 500 };
    return { ok: false, field: e.field === 'form' ? 'file' : e.field, message: e.message, status: e.status };
  }
  return { ok: true, id: data };
}
