import type { OpportunityInput } from '../../schemas/opportunity.ts';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import { changedColumns, fieldMapFor, opportunityColumns } from './opportunity-columns.ts';

/**
 * Saves the form of an existing posting. RLS limits it to the members of its employer; the kind
 * never changes (a different kind is a different posting: duplicate it instead). `fields` are the
 * form fields the submission carried (parseOpportunityForm): only their columns are written, so a
 * column the form does not show is never cleared by saving it; and of those only what changed, so
 * a form saved unchanged leaves the row as it was.
 */
export async function updateOpportunity(
  supabase: Supabase,
  id: string,
  input: OpportunityInput,
  fields?: ReadonlySet<string>,
): Promise<{ ok: true } | { ok: false; field: string; message: string; status: number }> {
  const prepared = opportunityColumns(input, fields);
  if (!prepared.ok) return prepared;
  const notFound = { ok: false, field: 'form', message: 'Публикация не найдена', status: 404 } as const;
  const stored = await supabase
    .from('opportunities')
    .select('*')
    .eq('id', id)
    .eq('kind', input.kind)
    .maybeSingle();
  if (stored.error) return { ok: false, ...describeDbError(stored.error, fieldMapFor(input.kind)) };
  if (!stored.data) return notFound;
  const { data, error } = await supabase
    .from('opportunities')
    .update(changedColumns(stored.data, prepared.columns))
    .eq('id', id)
    .eq('kind', input.kind)
    .select('id');
  if (error) return { ok: false, ...describeDbError(error, fieldMapFor(input.kind)) };
  if (!data.length) return notFound;
  return { ok: true };
}
