import type { RequestEvent } from '@sveltejs/kit';
import { formFailure } from '../forms.ts';
import { requireRole } from '../guards.ts';
import { loadClassifiers } from '../reference.ts';
import { parseForm } from '../../schemas/form.ts';
import {
  contractIdSchema,
  contractReasonSchema,
  parseContractForm,
  partyContractSchema,
} from '../../schemas/contract.ts';
import { attachContractScan } from './attach-contract-scan.ts';
import { confirmContract } from './confirm-contract.ts';
import { declineContract } from './decline-contract.ts';
import { loadContracts, loadCounterparties } from './load-contracts.ts';
import { proposeContract } from './propose-contract.ts';
import { terminateContract } from './terminate-contract.ts';
import { scanOf, uploadContractScan } from './upload-contract-scan.ts';

/**
 * /employer/contracts and /university/contracts: one page for both parties. `side` is the caller's
 * side; the other side is whom they propose to.
 */
export type Side = 'employer' | 'university';

const ROLE = { employer: 'employer_staff', university: 'university_staff' } as const;

export async function loadContractsPage(locals: App.Locals, side: Side) {
  const orgId = locals.person?.organization?.id;
  const [contracts, partners, { programmes }] = await Promise.all([
    orgId ? loadContracts(locals.supabase, orgId) : Promise.resolve([]),
    loadCounterparties(locals.supabase, side === 'employer' ? 'university' : 'employer'),
    loadClassifiers(locals.supabase),
  ]);
  return {
    side,
    contracts,
    partners,
    programmes,
    canPropose: side === 'university' || locals.person?.organization?.verificationStatus === 'verified',
  };
}

function own(event: RequestEvent, side: Side) {
  const person = requireRole(event.locals, event.url, [ROLE[side]]);
  return { person, orgId: person.organization?.id ?? '' };
}

export function contractActions(side: Side) {
  return {
    propose: async (event: RequestEvent) => {
      const { person, orgId } = own(event, side);
      const form = await event.request.formData();
      const parsed = parseContractForm(partyContractSchema, form);
      if (!parsed.ok) return formFailure(400, parsed.errors, form);
      const scan = scanOf(form);
      let scanId: string | null = null;
      if (scan) {
        const uploaded = await uploadContractScan(event.locals.supabase, person.id, scan);
        if (!uploaded.ok) return formFailure(uploaded.status, { [uploaded.field]: uploaded.message }, form);
        scanId = uploaded.id;
      }
      const result = await proposeContract(event.locals.supabase, side, orgId, parsed.data, scanId);
      if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
      return { done: 'proposed' as const, id: result.id };
    },
    confirm: async (event: RequestEvent) => {
      own(event, side);
      const form = await event.request.formData();
      const parsed = parseForm(contractIdSchema, form);
      if (!parsed.ok) return formFailure(400, parsed.errors, form);
      const result = await confirmContract(event.locals.supabase, parsed.data.id);
      if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
      return { done: 'confirmed' as const, id: parsed.data.id };
    },
    decline: async (event: RequestEvent) => {
      own(event, side);
      const form = await event.request.formData();
      const parsed = parseForm(contractReasonSchema, form);
      if (!parsed.ok) return formFailure(400, parsed.errors, form);
      const result = await declineContract(event.locals.supabase, parsed.data.id, parsed.data.reason);
      if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
      return { done: 'declined' as const, id: parsed.data.id };
    },
    terminate: async (event: RequestEvent) => {
      own(event, side);
      return terminateAction(event);
    },
    attach: async (event: RequestEvent) => {
      const { person } = own(event, side);
      return attachAction(event, person.id);
    },
  };
}

/** Terminating (parties and the administration alike). */
export async function terminateAction(event: RequestEvent) {
  const form = await event.request.formData();
  const parsed = parseForm(contractReasonSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, form);
  const result = await terminateContract(event.locals.supabase, parsed.data.id, parsed.data.reason);
  if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
  return { done: 'terminated' as const, id: parsed.data.id };
}

async function attachAction(event: RequestEvent, personId: string) {
  const form = await event.request.formData();
  const parsed = parseForm(contractIdSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, form);
  const scan = scanOf(form);
  if (!scan) return formFailure(400, { scan: 'Выберите файл PDF' }, form);
  const result = await attachContractScan(event.locals.supabase, personId, parsed.data.id, scan);
  if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
  return { done: 'attached' as const, id: parsed.data.id };
}
