import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const orgId = locals.person?.organization?.id;
  if (!orgId) return { note: null };
  const { data } = await locals.supabase
    .from('organizations')
    .select('verification_note')
    .eq('id', orgId)
    .single();
  return { note: data?.verification_note ?? null };
};
