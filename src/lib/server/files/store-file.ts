import { createHash } from 'node:crypto';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';

/**
 * Where private files (résumé PDFs) are kept. Every write and read goes through the person's own
 * supabase client, so RLS on public.files decides who may do it.
 *
 * The one backend today keeps the bytes in public.files.content (bytea, sent through PostgREST as a
 * '\x…' hex string): it works on the embedded stack and on Supabase alike. The table already has a
 * `storage_path` column for Supabase Storage.
 * TODO(storage): when SUPABASE_URL points at Supabase and a private bucket is configured, put the
 * bytes with `supabase.storage.from(bucket).upload(path, bytes)` under the same JWT (a Storage
 * policy mirroring public.files' RLS), insert the row with storage_path instead of content, and read
 * them back in readStoredFile with `download(path)`. Nothing outside this module needs to change.
 */

export interface StoredFileInput {
  ownerId: string;
  fileName: string;
  contentType: 'application/pdf';
  bytes: Uint8Array;
  purpose?: 'resume';
}

export type StoreResult = { ok: true; id: string } | { ok: false; message: string; status: number };

export async function storeFile(supabase: Supabase, input: StoredFileInput): Promise<StoreResult> {
  const buf = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const { data, error } = await supabase
    .from('files')
    .insert({
      owner_id: input.ownerId,
      purpose: input.purpose ?? 'resume',
      file_name: input.fileName,
      content_type: input.contentType,
      byte_size: buf.byteLength,
      sha256: createHash('sha256').update(buf).digest('hex'),
      content: `\\x${buf.toString('hex')}`,
    })
    .select('id')
    .single();
  if (error) {
    // the table judges the bytes too (content_is_pdf): say so in the words of the form
    if (error.code === '23514' && /content_is_pdf/.test(error.message)) {
      return { ok: false, message: 'PDF-файл: это не PDF — загрузите файл в формате PDF', status: 400 };
    }
    const e = describeDbError(error);
    return { ok: false, message: e.message, status: e.status };
  }
  return { ok: true, id: data.id };
}

export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** The file if the asker may read it (RLS: owner, an employer it was sent to, the administration); else null. */
export async function readStoredFile(supabase: Supabase, id: string): Promise<StoredFile | null> {
  const { data, error } = await supabase
    .from('files')
    .select('id, file_name, content_type, content, storage_path')
    .eq('id', id)
    .maybeSingle();
  if (error) {
    // a malformed id, or a reader with no grant at all (anon): nobody learns more than «not found»
    if (error.code !== '22P02' && error.code !== '42501') console.error('files: read', error);
    return null;
  }
  if (!data || data.content === null) return null;
  const hex = data.content.startsWith('\\x') ? data.content.slice(2) : data.content;
  return {
    id: data.id,
    fileName: data.file_name,
    contentType: data.content_type,
    bytes: Buffer.from(hex, 'hex'),
  };
}
