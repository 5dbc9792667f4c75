import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const count = async (build: () => PromiseLike<{ count: number | null; error: unknown }>) => {
    const { count, error } = await build();
    if (error) throw new Error(String((error as { message?: string }).message ?? error));
    return count ?? 0;
  };
  const orgs = () => locals.supabase.from('organizations').select('id', { count: 'exact', head: true });
  const [pending, moderation, verified, universities, students] = await Promise.all([
    count(() => orgs().eq('kind', 'employer').eq('verification_status', 'pending')),
    count(() =>
      locals.supabase
        .from('opportunities')
        .select('id', { count: 'exact', head: true })
        .eq('status', 'moderation'),
    ),
    count(() => orgs().eq('kind', 'employer').eq('verification_status', 'verified')),
    count(() => orgs().eq('kind', 'university')),
    count(() =>
      locals.supabase
        .from('profiles')
        .select('id', { count: 'exact', head: true })
        .in('role', ['student', 'graduate']),
    ),
  ]);
  return { counts: { pending, moderation, verified, universities, students } };
};
