import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { trudvsemApiUrl } from '$lib/server/jobs/tasks/take-vacancy-snapshot';
import { loadVacancySnapshots, recordVacancySnapshot } from '$lib/server/vacancies/record-vacancy-snapshot';
import { parseForm } from '$lib/schemas/form';
import { vacancySnapshotSchema } from '$lib/schemas/vacancy-bank';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  snapshots: await loadVacancySnapshots(locals.supabase),
  apiConfigured: Boolean(trudvsemApiUrl()),
});

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(vacancySnapshotSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await recordVacancySnapshot(locals.supabase, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { recorded: parsed.data.total };
  },
};
