import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { exportPipelineXlsx } from '$lib/server/applications/employer/export-pipeline-xlsx';
import { kemerovoToday } from '$lib/schemas/opportunity';
import { parsePipelineQuery } from '$lib/schemas/pipeline';
import type { RequestHandler } from './$types';

/** The filtered candidate list as XLSX: the same query string as the list page. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const person = requireRole(locals, url, ['employer_staff']);
  const orgId = person.organization?.id;
  if (!orgId) error(403, 'Вы не состоите в организации работодателя');
  const { filters } = parsePipelineQuery(url.searchParams);
  const { buffer } = await exportPipelineXlsx(locals.supabase, orgId, filters);
  const name = `kandidaty-${kemerovoToday()}.xlsx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
};
