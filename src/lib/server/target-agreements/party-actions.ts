import type { Actions } from '@sveltejs/kit';
import { reasonSchema, recordIdSchema, signSchema } from '../../schemas/stipends-target-agreements.ts';
import { recordAction } from '../outcome-actions.ts';
import { fulfilTargetAgreement } from './fulfil-target-agreement.ts';
import { signTargetAgreement } from './sign-target-agreement.ts';
import { terminateTargetAgreement } from './terminate-target-agreement.ts';

/** The actions every party has on its list of agreements: sign and terminate (and fulfil, the customer's). */
export const partyActions = {
  sign: ({ locals, request }) =>
    recordAction(request, signSchema, (v) => signTargetAgreement(locals.supabase, v)),
  terminate: ({ locals, request }) =>
    recordAction(request, reasonSchema, (v) => terminateTargetAgreement(locals.supabase, v.id, v.reason)),
  fulfil: ({ locals, request }) =>
    recordAction(request, recordIdSchema, (v) => fulfilTargetAgreement(locals.supabase, v.id)),
} satisfies Actions;
