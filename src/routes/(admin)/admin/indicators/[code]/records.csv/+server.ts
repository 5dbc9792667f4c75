import { requireRole } from '$lib/server/guards';
import { loadDrillDownRecords } from '$lib/server/indicators/load-drill-down';
import { RECORD_COLUMNS, recordsFileName } from '$lib/server/indicators/record-columns';
import { csvResponse } from '$lib/server/xlsx/csv';
import type { RequestHandler } from './$types';

/** The drill-down list as CSV for Russian Excel (BOM, «;»), with the page's filters. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  requireRole(locals, url, ['administrator']);
  const { indicator, year, records } = await loadDrillDownRecords(
    locals.supabase,
    params.code,
    url.searchParams,
  );
  return csvResponse(recordsFileName(indicator.name, year, 'csv'), RECORD_COLUMNS, records);
};
