import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { terminateAction } from '$lib/server/contracts/contract-page';
import { loadContracts, loadCounterparties } from '$lib/server/contracts/load-contracts';
import { registerContract } from '$lib/server/contracts/propose-contract';
import { scanOf, uploadContractScan } from '$lib/server/contracts/upload-contract-scan';
import { loadClassifiers } from '$lib/server/reference';
import { adminContractSchema, parseContractForm } from '$lib/schemas/contract';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [contracts, employers, universities, { programmes }] = await Promise.all([
    loadContracts(locals.supabase),
    loadCounterparties(locals.supabase, 'employer'),
    loadCounterparties(locals.supabase, 'university'),
    loadClassifiers(locals.supabase),
  ]);
  return { contracts, employers, universities, programmes };
};

export const actions: Actions = {
  // «propose» is the form's action name in ContractForm; for the administration it registers.
  propose: async ({ request, locals, url }) => {
    const person = requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const parsed = parseContractForm(adminContractSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const scan = scanOf(form);
    let scanId: string | null = null;
    if (scan) {
      const uploaded = await uploadContractScan(locals.supabase, person.id, scan);
      if (!uploaded.ok) return formFailure(uploaded.status, { [uploaded.field]: uploaded.message }, form);
      scanId = uploaded.id;
    }
    const result = await registerContract(locals.supabase, parsed.data, scanId);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { done: 'registered' as const, id: result.id };
  },
  terminate: async (event) => {
    requireRole(event.locals, event.url, ['administrator']);
    return terminateAction(event);
  },
};
