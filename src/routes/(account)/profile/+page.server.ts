import { describeDbError } from '$lib/server/errors';
import { formFailure } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/guards';
import { loadClassifiers, loadUniversities } from '$lib/server/reference';
import { parseForm } from '$lib/schemas/form';
import { personProfileSchema, staffProfileSchema } from '$lib/schemas/profile';
import type { TablesUpdate } from '$lib/database.types';
import type { Actions, PageServerLoad } from './$types';

const isPerson = (role: string | null) => role === 'student' || role === 'graduate';

export const load: PageServerLoad = async ({ locals }) => {
  const person = locals.person!;
  const { data: profile, error } = await locals.supabase
    .from('profiles')
    .select(
      'role, full_name, phone, university_id, programme_code, year_of_study, graduation_year, position, about',
    )
    .eq('id', person.id)
    .single();
  if (error) throw new Error(error.message);
  if (!isPerson(profile.role)) return { profile, universities: [], programmes: [] };
  const [universities, { programmes }] = await Promise.all([
    loadUniversities(locals.supabase),
    loadClassifiers(locals.supabase),
  ]);
  return { profile, universities, programmes };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const person = requireSignedIn(locals, url);
    const form = await request.formData();
    let update: TablesUpdate<'profiles'>;
    if (isPerson(person.role)) {
      const parsed = parseForm(personProfileSchema, form);
      if (!parsed.ok) return formFailure(400, parsed.errors, form);
      const { programmes } = await loadClassifiers(locals.supabase);
      if (parsed.data.programmeCode && !programmes.some((p) => p.value === parsed.data.programmeCode)) {
        return formFailure(
          400,
          { programmeCode: 'Такого кода нет в перечне направлений подготовки (ОКСО)' },
          form,
        );
      }
      const d = parsed.data;
      update = {
        full_name: d.fullName,
        phone: d.phone,
        university_id: d.universityId,
        programme_code: d.programmeCode,
        year_of_study: person.role === 'student' ? d.yearOfStudy : null,
        graduation_year: d.graduationYear,
        about: d.about,
      };
    } else {
      const parsed = parseForm(staffProfileSchema, form);
      if (!parsed.ok) return formFailure(400, parsed.errors, form);
      update = { full_name: parsed.data.fullName, phone: parsed.data.phone, position: parsed.data.position };
    }
    const { error } = await locals.supabase.from('profiles').update(update).eq('id', person.id);
    if (error) {
      const e = describeDbError(error);
      return formFailure(e.status, { [e.field]: e.message }, form);
    }
    return { saved: true };
  },
};
