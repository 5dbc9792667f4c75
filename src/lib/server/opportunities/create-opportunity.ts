import type { OpportunityInput } from '../../schemas/opportunity.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { fieldMapFor, opportunityColumns } from './opportunity-columns.ts';

/**
 * Saves a new posting as a draft of the person's organization. RLS lets members of an employer
 * insert drafts only; publishing is a separate step (publish-opportunity.ts).
 */
export async function createOpportunity(
  supabase: Supabase,
  author: { userId: string; organizationId: string },
  input: OpportunityInput,
): Promise<{ ok: true; id: string } | { ok: false; field: string; message: string; status: number }> {
  const prepared = opportunityColumns(input);
  if (!prepared.ok) return prepared;
  const { data, error } = await supabase
    .from('opportunities')
    .insert({
      ...prepared.columns,
      title: input.title,
      organization_id: author.organizationId,
      kind: input.kind,
      created_by: author.userId,
    })
    .select('id')
    .single();
  if (error) return { ok: false, ...describeDbError(error, fieldMapFor(input.kind)) };
  return { ok: true, id: data.id };
}
