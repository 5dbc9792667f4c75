import { error } from '@sveltejs/kit';
import { opportunityFormValues } from '$lib/schemas/opportunity';
import { loadPostingFormOptions, savePostingForm } from '$lib/server/opportunities/opportunity-page';
import type { Actions, PageServerLoad } from './$types';

async function ownOpportunity(locals: App.Locals, id: string) {
  const orgId = locals.person?.organization?.id;
  if (!orgId || !/^[0-9a-f-]{36}$/i.test(id)) error(404, 'Публикация не найдена');
  const { data, error: dbError } = await locals.supabase
    .from('opportunities')
    .select('*')
    .eq('id', id)
    .eq('organization_id', orgId)
    .maybeSingle();
  if (dbError) throw new Error(dbError.message);
  if (!data) error(404, 'Публикация не найдена');
  return data;
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const [row, options] = await Promise.all([
    ownOpportunity(locals, params.id),
    loadPostingFormOptions(locals),
  ]);
  return {
    opportunity: {
      id: row.id,
      kind: row.kind,
      status: row.status,
      title: row.title,
      ever_published: row.ever_published,
    },
    ...opportunityFormValues(row),
    options,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const row = await ownOpportunity(event.locals, event.params.id);
    return savePostingForm(event, { id: row.id, kind: row.kind });
  },
};
