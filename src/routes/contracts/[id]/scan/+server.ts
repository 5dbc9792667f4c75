import { error } from '@sveltejs/kit';
import { readContractScan } from '$lib/server/contracts/read-contract-scan';
import { isUuid } from '$lib/schemas/event';
import type { RequestHandler } from './$types';

/** The signed scan of a contract, for its parties and the administration only (RLS decides). */
export const GET: RequestHandler = async ({ params, locals }) => {
  if (!locals.person) error(404, 'Скан не найден');
  if (!isUuid(params.id)) error(404, 'Скан не найден');
  const scan = await readContractScan(locals.supabase, params.id);
  if (!scan) error(404, 'Скан не найден');
  return new Response(new Uint8Array(scan.bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="contract.pdf"; filename*=UTF-8''${encodeURIComponent(scan.fileName)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};
