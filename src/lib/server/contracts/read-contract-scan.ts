import type { Supabase } from '../supabase.ts';

/**
 * The signed scan of a contract, read with the person's own JWT: RLS lets only the parties and the
 * administration see the contract and its file. Null when they may not (or there is none).
 */
export async function readContractScan(
  supabase: Supabase,
  contractId: string,
): Promise<{ fileName: string; bytes: Buffer } | null> {
  const { data: contract, error } = await supabase
    .from('partnership_contracts')
    .select('scan_file_id')
    .eq('id', contractId)
    .maybeSingle();
  if (error) throw new Error(`contract scan: ${error.message}`);
  if (!contract?.scan_file_id) return null;
  const { data: file, error: fileError } = await supabase
    .from('files')
    .select('file_name, content')
    .eq('id', contract.scan_file_id)
    .maybeSingle();
  if (fileError) throw new Error(`contract scan file: ${fileError.message}`);
  if (!file?.content) return null;
  const hex = String(file.content).replace(/^\\x/, '');
  return { fileName: file.file_name, bytes: Buffer.from(hex, 'hex') };
}
