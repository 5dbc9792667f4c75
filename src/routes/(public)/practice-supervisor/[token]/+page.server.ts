import { parseForm } from '$lib/schemas/form';
import { supervisorCharacteristicSchema } from '$lib/schemas/placement';
import { formFailure } from '$lib/server/forms';
import { completePlacementByToken, placementBySupervisorToken } from '$lib/server/placements/supervisor-link';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  return { placement: await placementBySupervisorToken(params.token) };
};

export const actions: Actions = {
  default: async ({ request, params }) => {
    const form = await request.formData();
    const parsed = parseForm(supervisorCharacteristicSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await completePlacementByToken(params.token, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { completed: true };
  },
};
