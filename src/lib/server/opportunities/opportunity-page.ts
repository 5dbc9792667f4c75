import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formLists, formValues, safeValues } from '../../schemas/form.ts';
import { kemerovoToday, LIST_FIELDS, parseOpportunityForm } from '../../schemas/opportunity.ts';
import type { OpportunityKind } from '../../opportunities.ts';
import { requireRole } from '../guards.ts';
import { loadClassifiers, loadUniversities } from '../reference.ts';
import { createOpportunity } from './create-opportunity.ts';
import { updateOpportunity } from './update-opportunity.ts';

/** The choices of the posting form (classifiers, universities) and the employer's own industry. */
export async function loadPostingFormOptions(locals: App.Locals) {
  const orgId = locals.person?.organization?.id;
  const [{ programmes, industries, districts }, universities, org] = await Promise.all([
    loadClassifiers(locals.supabase),
    loadUniversities(locals.supabase),
    orgId
      ? locals.supabase.from('organizations').select('industry_code').eq('id', orgId).maybeSingle()
      : Promise.resolve({ data: null }),
  ]);
  return {
    programmes,
    industries,
    districts,
    universities,
    employerIndustry: org.data?.industry_code ?? null,
    today: kemerovoToday(),
  };
}

/**
 * The save action of the new and edit pages: parse with the shared schema, write through the
 * person's own client (RLS decides), answer 400 with the messages by field or go back to the list.
 */
export async function savePostingForm(event: RequestEvent, existing?: { id: string; kind: OpportunityKind }) {
  const person = requireRole(event.locals, event.url, ['employer_staff']);
  if (!person.organization || person.organization.kind !== 'employer') {
    error(403, 'Публикации создают сотрудники работодателя');
  }
  const form = await event.request.formData();
  const typed = { values: safeValues(formValues(form)), lists: formLists(form, LIST_FIELDS) };
  const parsed = parseOpportunityForm(form);
  if (!parsed.ok) return fail(400, { errors: parsed.errors, ...typed });
  if (existing && parsed.data.kind !== existing.kind) {
    return fail(400, { errors: { form: 'Вид публикации не меняется: создайте новую публикацию' }, ...typed });
  }
  const result = existing
    ? await updateOpportunity(event.locals.supabase, existing.id, parsed.data, parsed.fields)
    : await createOpportunity(
        event.locals.supabase,
        { userId: person.id, organizationId: person.organization.id },
        parsed.data,
      );
  if (!result.ok) return fail(result.status, { errors: { [result.field]: result.message }, ...typed });
  const id = 'id' in result ? result.id : existing!.id;
  redirect(303, `/employer/opportunities?saved=${id}`);
}
