import { contractActions, loadContractsPage } from '$lib/server/contracts/contract-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => loadContractsPage(locals, 'university');

export const actions: Actions = contractActions('university');
