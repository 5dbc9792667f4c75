import { error, fail, redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import { requireRole } from '$lib/server/guards';
import { inviteToInterview } from '$lib/server/applications/employer/invite-to-interview';
import { loadEmployerApplication } from '$lib/server/applications/employer/load-application';
import { makeOffer } from '$lib/server/applications/employer/make-offer';
import type { MoveResult } from '$lib/server/applications/employer/move-result';
import { recordHire } from '$lib/server/applications/employer/record-hire';
import { rejectApplication } from '$lib/server/applications/employer/reject-application';
import { reviewApplication } from '$lib/server/applications/employer/review-application';
import { shortlistApplication } from '$lib/server/applications/employer/shortlist-application';
import { formValues, parseForm, safeValues, type FieldErrors } from '$lib/schemas/form';
import { kemerovoToday } from '$lib/schemas/opportunity';
import {
  hireSchema,
  interviewSchema,
  isUuid,
  offerSchema,
  rejectSchema,
  reviewSchema,
  shortlistSchema,
} from '$lib/schemas/pipeline';
import type { OpportunityKind } from '$lib/opportunities';
import type { Supabase } from '$lib/server/supabase';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadEmployerApplication(locals.supabase, params.id);
  if (!found) error(404, 'Отклик не найден');
  return { ...found, today: kemerovoToday() };
};

type Move = 'shortlist' | 'interview' | 'offer' | 'reject' | 'hire' | 'review';

/** A refused form: its messages by field and what was typed, marked with the form it belongs to. */
function refuse(action: Move, status: number, errors: FieldErrors, form: FormData) {
  return fail(status, { action, errors, values: safeValues(formValues(form)) });
}

/**
 * Every move is the same: parse the form with its schema, call the database function through the
 * employer's own client, show its Russian message at the field it names, or come back to the page
 * (303: a reload does not post again) with a note of what was done.
 */
function move<S extends z.ZodType>(
  action: Move,
  schema: (event: RequestEvent) => Promise<S> | S,
  run: (supabase: Supabase, id: string, input: z.output<S>) => Promise<MoveResult<unknown>>,
) {
  return async (event: RequestEvent) => {
    const { request, locals, url, params } = event;
    requireRole(locals, url, ['employer_staff']);
    if (!isUuid(params.id)) error(404, 'Отклик не найден');
    const form = await request.formData();
    const parsed = parseForm(await schema(event), form);
    if (!parsed.ok) return refuse(action, 400, parsed.errors, form);
    const result = await run(locals.supabase, params.id, parsed.data);
    if (!result.ok) return refuse(action, result.status, { [result.field]: result.message }, form);
    redirect(303, `/employer/applications/${params.id}?done=${action}`);
  };
}

/** The offer's fields depend on the posting's kind, which only the database knows. */
async function offerFor({ locals, params }: RequestEvent) {
  const { data } = await locals.supabase
    .from('applications')
    .select('kind')
    .eq('id', params.id)
    .maybeSingle();
  if (!data) error(404, 'Отклик не найден');
  return offerSchema(data.kind as OpportunityKind);
}

export const actions: Actions = {
  shortlist: move(
    'shortlist',
    () => shortlistSchema,
    (s, id, v) => shortlistApplication(s, id, v.note),
  ),
  interview: move('interview', () => interviewSchema, inviteToInterview),
  offer: move('offer', offerFor, makeOffer),
  reject: move('reject', () => rejectSchema, rejectApplication),
  hire: move('hire', () => hireSchema, recordHire),
  review: move('review', () => reviewSchema, reviewApplication),
};
