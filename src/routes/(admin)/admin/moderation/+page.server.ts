import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { moderateOpportunity } from '$lib/server/opportunities/moderate-opportunity';
import { parseForm } from '$lib/schemas/form';
import { moderationDecisionSchema } from '$lib/schemas/opportunity';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { data, error } = await locals.supabase
    .from('opportunities')
    .select(
      'id, kind, title, description_text, publish_days, updated_at, organizations(name, verified_at), industries(name), districts(name), is_remote',
    )
    .eq('status', 'moderation')
    .order('updated_at', { ascending: true });
  if (error) throw new Error(error.message);
  return { queue: data };
};

export const actions: Actions = {
  decide: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(moderationDecisionSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await moderateOpportunity(locals.supabase, {
      id: parsed.data.id,
      approve: parsed.data.decision === 'approve',
      note: parsed.data.note,
    });
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { decided: parsed.data.decision, title: result.title };
  },
};
