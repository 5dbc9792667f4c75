import type { OpportunityInput } from '../../schemas/opportunity.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { fieldMapFor, opportunityColumns } from './opportunity-columns.ts';

/**
 * Saves the form of an existing posting. RLS limits it to the members of its employer; the kind
 * never changes (a different kind is a different posting: duplicate it instead).
 */
export async function updateOpportunity(
  supabase: Supabase,
  id: string,
  input: OpportunityInput,
): Promise<{ ok: true } | { ok: false; field: string; message: string; status: number }> {
  const prepared = opportunityColumns(input);
  if (!prepared.ok) return prepared;
  const { data, error } = await supabase
    .from('opportunities')
    .update(prepared.columns)
    .eq('id', id)
    .eq('kind', input.kind)
    .select('id');
  if (error) return { ok: false, ...describeDbError(error, fieldMapFor(input.kind)) };
  if (!data.length) return { ok: false, field: 'form', message: 'Публикация не найдена', status: 404 };
  return { ok: true };
}
