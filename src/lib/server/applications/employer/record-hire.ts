import type { HireInput } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

/**
 * accepted → hired with the document («приказ о приёме» or «трудовой договор» № … от …). The
 * employment counts once the graduate confirms it by the emailed link.
 */
export async function recordHire(
  supabase: Supabase,
  id: string,
  input: HireInput,
): Promise<MoveResult<string | null>> {
  const { data, error } = await supabase.rpc('record_hire', {
    p_id: id,
    p_start_date: input.startDate!,
    p_position: input.position!,
    p_document_kind: input.documentKind,
    p_document_number: input.documentNumber,
    p_document_date: input.documentDate!,
  });
  return moveResult(data, error);
}
