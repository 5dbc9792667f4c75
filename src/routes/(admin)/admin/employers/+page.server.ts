import { decideEmployerVerification } from '$lib/server/organizations/decide-employer-verification';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { parseForm } from '$lib/schemas/form';
import { verificationDecisionSchema } from '$lib/schemas/profile';
import type { VerificationStatus } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const STATUSES: VerificationStatus[] = ['pending', 'verified', 'rejected'];

export const load: PageServerLoad = async ({ locals, url }) => {
  const param = url.searchParams.get('status') as VerificationStatus | null;
  const status: VerificationStatus = param && STATUSES.includes(param) ? param : 'pending';
  const { data, error } = await locals.supabase
    .from('organizations')
    .select(
      'id, name, inn, address, website, created_at, verification_note, verified_at, industries(name), districts(name), memberships(role, profiles(full_name, email, email_verified, position))',
    )
    .eq('kind', 'employer')
    .eq('verification_status', status)
    .order('created_at', { ascending: status === 'pending' });
  if (error) throw new Error(error.message);
  return { status, employers: data };
};

export const actions: Actions = {
  decide: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(verificationDecisionSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await decideEmployerVerification(locals.supabase, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { decided: parsed.data.decision, organizationName: result.organizationName };
  },
};
