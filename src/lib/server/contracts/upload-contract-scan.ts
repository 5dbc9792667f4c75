import { createHash } from 'node:crypto';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { SCAN_MAX_BYTES } from '../../schemas/contract.ts';
import type { OperationResult } from './contract-fields.ts';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** The scan field of a form: absent or empty means no scan. */
export function scanOf(form: FormData): File | null {
  const value = form.get('scan');
  return value instanceof File && value.size > 0 ? value : null;
}

/**
 * Stores a signed scan as a private file of the person (public.files, purpose contract_scan). A PDF
 * by its bytes (%PDF-), at most 5 MB: the database checks both again. Returns the file's id.
 */
export async function uploadContractScan(
  supabase: Supabase,
  ownerId: string,
  file: File,
): Promise<OperationResult<{ id: string }>> {
  if (file.size > SCAN_MAX_BYTES)
    return { ok: false, field: 'scan', message: 'Скан — не больше 5 МБ', status: 400 };
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length === 0 || !bytes.subarray(0, 5).equals(PDF_MAGIC))
    return { ok: false, field: 'scan', message: 'Скан должен быть файлом PDF', status: 400 };
  const name = (file.name || 'договор.pdf').replace(/[\r\n]/g, ' ').slice(0, 200);
  const { data, error } = await supabase
    .from('files')
    .insert({
      owner_id: ownerId,
      purpose: 'contract_scan',
      file_name: name,
      content_type: 'application/pdf',
      byte_size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: `\\x${bytes.toString('hex')}`,
    })
    .select('id')
    .single();
  if (error) return { ok: false, ...describeDbError(error, { form: 'scan' }), field: 'scan' };
  return { ok: true, id: data.id };
}
