import { fail, type RequestEvent } from '@sveltejs/kit';
import { organizationSchema } from '../../schemas/profile.ts';
import { parseForm } from '../../schemas/form.ts';
import type { PersonRole } from '../../types.ts';
import { formFailure } from '../forms.ts';
import { requireRole } from '../guards.ts';
import { loadClassifiers } from '../reference.ts';
import { updateOrganization } from './update-organization.ts';

/** Load and save of "my organization" pages, shared by employers and universities. */
export async function loadOwnOrganization(locals: App.Locals) {
  const orgId = locals.person?.organization?.id;
  if (!orgId) return { organization: null, industries: [], districts: [] };
  const [{ data, error }, { industries, districts }] = await Promise.all([
    locals.supabase
      .from('organizations')
      .select(
        'id, kind, name, short_name, inn, industry_code, district_code, address, website, description, verification_status',
      )
      .eq('id', orgId)
      .single(),
    loadClassifiers(locals.supabase),
  ]);
  if (error) throw new Error(error.message);
  return { organization: data, industries, districts };
}

export async function saveOwnOrganization(event: RequestEvent, roles: readonly PersonRole[]) {
  const person = requireRole(event.locals, event.url, roles);
  if (!person.organization)
    return fail(403, { errors: { form: 'Вы не состоите в организации' }, values: {} });
  const form = await event.request.formData();
  const parsed = parseForm(organizationSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, form);
  const { districts } = await loadClassifiers(event.locals.supabase);
  if (parsed.data.districtCode && !districts.some((d) => d.value === parsed.data.districtCode)) {
    return formFailure(400, { districtCode: 'Выберите район Кемерова из списка' }, form);
  }
  const result = await updateOrganization(event.locals.supabase, person.organization.id, parsed.data);
  if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
  return { saved: true };
}
