import { requireRole } from '$lib/server/guards';
import { loadClassifiers } from '$lib/server/reference';
import { loadResume, resumeSnapshot } from '$lib/server/resumes/load-resume';
import type { PageServerLoad } from './$types';

/** The owner's résumé as an employer will see it, ready to print. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const person = requireRole(locals, url, ['student', 'graduate']);
  const [loaded, { districts }] = await Promise.all([
    loadResume(locals.supabase, person.id),
    loadClassifiers(locals.supabase),
  ]);
  return {
    snapshot: resumeSnapshot(loaded),
    hasResume: loaded.resume !== null,
    attachment: loaded.attachment,
    districtLabels: Object.fromEntries(districts.map((d) => [d.value, d.label])),
  };
};
