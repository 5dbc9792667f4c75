import { error, fail } from '@sveltejs/kit';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { loadPipeline } from '$lib/server/applications/employer/load-pipeline';
import { rejectApplications } from '$lib/server/applications/employer/reject-applications';
import { formLists, formValues, safeValues } from '$lib/schemas/form';
import { bulkRejectSchema, parsePipelineQuery } from '$lib/schemas/pipeline';
import type { Actions, PageServerLoad } from './$types';

function organizationOf(locals: App.Locals): string {
  const orgId = locals.person?.organization?.id;
  if (!orgId) error(403, 'Вы не состоите в организации работодателя');
  return orgId;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const orgId = organizationOf(locals);
  const { filters, ignored } = parsePipelineQuery(url.searchParams);
  const pipeline = await loadPipeline(locals.supabase, orgId, filters);
  return { filters, ignored, ...pipeline };
};

export const actions: Actions = {
  reject: async ({ request, locals, url }) => {
    requireRole(locals, url, ['employer_staff']);
    organizationOf(locals);
    const form = await request.formData();
    const { ids } = formLists(form, ['ids']);
    const parsed = bulkRejectSchema.safeParse({ ...formValues(form), ids });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
      // the ticks stay, so a forgotten reason costs one choice, not the whole selection
      return fail(400, { errors, values: safeValues(formValues(form)), checked: ids });
    }
    const result = await rejectApplications(locals.supabase, parsed.data.ids, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { bulk: result.data, values: safeValues(formValues(form)) };
  },
};
