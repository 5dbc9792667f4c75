import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { data, error } = await locals.supabase
    .from('profiles')
    .select(
      'full_name, year_of_study, graduation_year, programme_code, programmes(name), university:organizations!profiles_university_id_fkey(name)',
    )
    .eq('id', locals.person!.id)
    .single();
  if (error) throw new Error(error.message);
  return { profile: data, justVerified: url.searchParams.has('verified') };
};
