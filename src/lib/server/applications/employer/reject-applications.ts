import type { RejectInput } from '../../../schemas/pipeline.ts';
import type { Supabase } from '../../supabase.ts';
import { moveResult, type MoveResult } from './move-result.ts';

export interface BulkRejection {
  rejected: { id: string; name: string }[];
  refused: { id: string; name: string; message: string }[];
}

/**
 * Rejects the ticked applications with one template. The database skips those that cannot be
 * rejected (already decided, not ours) and says why; the names come from what RLS lets us read,
 * so an id of another employer stays «отклик не найден» without a name.
 */
export async function rejectApplications(
  supabase: Supabase,
  ids: string[],
  input: RejectInput,
): Promise<MoveResult<BulkRejection>> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  const { data, error } = await supabase.rpc('reject_applications', {
    p_ids: unique,
    p_reason: input.reason,
    p_message: input.message ?? undefined,
  });
  if (error) return moveResult({ rejected: [], refused: [] }, error);
  const { data: names } = await supabase.from('applications').select('id, applicant_name').in('id', unique);
  const nameOf = new Map((names ?? []).map((n) => [n.id, n.applicant_name]));
  const result: BulkRejection = { rejected: [], refused: [] };
  for (const row of data) {
    const name = nameOf.get(row.application_id) ?? 'Неизвестный отклик';
    if (row.rejected) result.rejected.push({ id: row.application_id, name });
    else {
      const message = row.message ?? 'не удалось отказать';
      result.refused.push({
        id: row.application_id,
        name,
        message: message.charAt(0).toUpperCase() + message.slice(1),
      });
    }
  }
  return { ok: true, data: result };
}
