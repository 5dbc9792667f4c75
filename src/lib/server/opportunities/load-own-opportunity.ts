import { error } from '@sveltejs/kit';

/**
 * A posting of the person's own organization for its confirmation pages (close, delete): 404 for
 * anything else, including other employers' published postings, which RLS lets everyone read.
 */
export async function loadOwnOpportunity(locals: App.Locals, id: string) {
  const orgId = locals.person?.organization?.id;
  if (!orgId || !/^[0-9a-f-]{36}$/i.test(id)) error(404, 'Публикация не найдена');
  const { data, error: dbError } = await locals.supabase
    .from('opportunities')
    .select('id, kind, title, status, ever_published, updated_at, expires_at')
    .eq('id', id)
    .eq('organization_id', orgId)
    .maybeSingle();
  if (dbError) throw new Error(dbError.message);
  if (!data) error(404, 'Публикация не найдена');
  return data;
}
