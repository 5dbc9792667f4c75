import { fail } from '@sveltejs/kit';
import type { ImportPreview } from '../../university-imports.ts';
import type { Supabase } from '../supabase.ts';
import type { ImportCheck } from './check-student-list.ts';
import type { ImportResult } from './import-student-list.ts';
import { decodeFile } from './preview.ts';

/**
 * The two steps every upload page has, as form actions: «check» reads the chosen file and answers
 * with the preview (nothing written); «write» takes the same file back from the preview's form,
 * checks it again and writes. Refusals are a 400 with one Russian message for the upload form.
 */
export async function checkUpload(
  request: Request,
  supabase: Supabase,
  check: (supabase: Supabase, fileName: string, bytes: Uint8Array, form: FormData) => Promise<ImportCheck>,
  /** Choices made on upload that the preview's form sends back (e.g. the default status). */
  keep: (form: FormData) => Record<string, string> = () => ({}),
) {
  const form = await request.formData();
  const file = form.get('upload');
  if (!(file instanceof File) || file.size === 0) return fail(400, { uploadError: 'Выберите файл XLSX' });
  const name = (file.name.split(/[\\/]/).pop() ?? 'файл.xlsx').slice(0, 200);
  const result = await check(supabase, name, new Uint8Array(await file.arrayBuffer()), form);
  if (!result.ok) return fail(result.status, { uploadError: result.message });
  return { preview: result.preview satisfies ImportPreview, hidden: keep(form) };
}

export async function writeUpload(
  request: Request,
  supabase: Supabase,
  write: (supabase: Supabase, bytes: Uint8Array, onlyValid: boolean, form: FormData) => Promise<ImportResult>,
) {
  const form = await request.formData();
  const bytes = decodeFile(form.get('file'));
  if (!bytes) return fail(400, { uploadError: 'Файл не получен: загрузите его ещё раз' });
  const result = await write(supabase, bytes, form.get('mode') === 'valid', form);
  if (!result.ok) return fail(result.status, { uploadError: result.message });
  return { imported: { written: result.written, same: result.same, skipped: result.skipped } };
}
