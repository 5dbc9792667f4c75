import { countApplicationsAwaitingAnswer } from '$lib/server/applications/employer/count-waiting-applications';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  const person = locals.person;
  // the header's «Отклики» shows how many applications wait for the employer's first answer
  const awaitingAnswer =
    person?.role === 'employer_staff' && person.organization?.kind === 'employer'
      ? await countApplicationsAwaitingAnswer(locals.supabase, person.organization.id)
      : null;
  return { person, awaitingAnswer };
};
