import { requireRole } from '$lib/server/guards';
import { loadDrillDownRecords } from '$lib/server/indicators/load-drill-down';
import { RECORD_COLUMNS, recordsFileName } from '$lib/server/indicators/record-columns';
import { streamXlsx } from '$lib/server/xlsx/write-sheet';
import type { RequestHandler } from './$types';

/** The drill-down list as XLSX, with the page's filters (indicator_records: administrators only). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  requireRole(locals, url, ['administrator']);
  const { indicator, year, records } = await loadDrillDownRecords(
    locals.supabase,
    params.code,
    url.searchParams,
  );
  return streamXlsx(recordsFileName(indicator.name, year, 'xlsx'), {
    name: `Записи ${year}`,
    columns: RECORD_COLUMNS,
    rows: records,
  });
};
