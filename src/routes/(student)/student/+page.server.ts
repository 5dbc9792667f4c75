import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const [profile, applications] = await Promise.all([loadProfile(locals), loadApplicationCounts(locals)]);
  return { profile, applications, justVerified: url.searchParams.has('verified') };
};

async function loadProfile(locals: App.Locals) {
  const { data, error } = await locals.supabase
    .from('profiles')
    .select(
      'full_name, year_of_study, graduation_year, programme_code, programmes(name), university:organizations!profiles_university_id_fkey(name)',
    )
    .eq('id', locals.person!.id)
    .single();
  if (error) throw new Error(error.message);
  return data;
}

/** How many applications are under way, and how many wait for the person's own answer. */
async function loadApplicationCounts(locals: App.Locals) {
  const { data, error } = await locals.supabase
    .from('applications')
    .select('status, employment:employments(status)')
    .eq('applicant_id', locals.person!.id)
    .not('status', 'in', '(rejected,withdrawn,declined)');
  if (error) throw new Error(`applications: ${error.message}`);
  const rows = data as unknown as { status: string; employment: { status: string } | null }[];
  return {
    live: rows.filter((r) => r.status !== 'hired').length,
    waitingForMe: rows.filter((r) => r.status === 'offer' || r.employment?.status === 'awaiting_confirmation')
      .length,
  };
}
