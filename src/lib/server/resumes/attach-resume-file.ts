import { checkPdf, safePdfName } from '../files/pdf.ts';
import { storeFile } from '../files/store-file.ts';
import type { Supabase } from '../supabase.ts';
import { writeResume, type SaveResult } from './save-resume.ts';

const MESSAGES = {
  empty: 'PDF-файл: выберите файл',
  too_large: 'PDF-файл: не больше 5 МБ',
  not_pdf: 'PDF-файл: это не PDF — загрузите файл в формате PDF',
} as const;

/**
 * Keeps an uploaded PDF as the résumé's attachment. The bytes decide (checkPdf), not the name or
 * the type the browser claims; nothing is written when they are refused. A new upload is a new
 * file: an application that froze the previous one keeps it.
 */
export async function attachResumeFile(
  supabase: Supabase,
  personId: string,
  upload: { name: string; bytes: Uint8Array },
): Promise<SaveResult & { fileId?: string }> {
  const check = checkPdf(upload.bytes);
  if (!check.ok) {
    return {
      ok: false,
      field: 'attachment',
      message: MESSAGES[check.reason],
      status: check.reason === 'too_large' ? 413 : 400,
    };
  }
  const stored = await storeFile(supabase, {
    ownerId: personId,
    fileName: safePdfName(upload.name),
    contentType: 'application/pdf',
    bytes: upload.bytes,
  });
  if (!stored.ok) return { ok: false, field: 'attachment', message: stored.message, status: stored.status };
  const saved = await writeResume(supabase, personId, { attachment_id: stored.id });
  return saved.ok ? { ok: true, fileId: stored.id } : saved;
}
