import { describeDbError } from '$lib/server/errors';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { inviteMember } from '$lib/server/organizations/invite-member';
import { forgetUniversities } from '$lib/server/reference';
import { forgetPublicCounts } from '$lib/server/search-page/load-public-count';
import { parseForm } from '$lib/schemas/form';
import { invitationSchema, universitySchema } from '$lib/schemas/profile';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { data, error } = await locals.supabase
    .from('organizations')
    .select(
      'id, name, short_name, website, memberships(profiles(full_name, email)), invitations(email, expires_at, accepted_at, revoked_at)',
    )
    .eq('kind', 'university')
    .order('name');
  if (error) throw new Error(error.message);
  return { universities: data };
};

export const actions: Actions = {
  create: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(universitySchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const { error } = await locals.supabase.from('organizations').insert({
      kind: 'university',
      name: parsed.data.name,
      short_name: parsed.data.shortName,
      website: parsed.data.website,
      verification_status: 'verified',
    });
    if (error) {
      const e = describeDbError(error);
      return formFailure(e.status, { [e.field === 'form' ? 'name' : e.field]: e.message }, form);
    }
    forgetUniversities();
    forgetPublicCounts();
    return { created: parsed.data.name };
  },
  invite: async ({ request, locals, url }) => {
    const person = requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseForm(invitationSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await inviteMember(locals.supabase, person, parsed.data);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { invited: parsed.data.email, organizationName: result.organizationName };
  },
};
