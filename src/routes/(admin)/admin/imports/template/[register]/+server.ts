import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { buildTemplate } from '$lib/server/registers/build-template';
import { registerDefinition } from '$lib/server/registers/definitions';
import { xlsxResponse } from '$lib/server/xlsx/write-sheet';
import type { RequestHandler } from './$types';

/** The register's XLSX template, with the platform's universities in the «Вуз» drop-down. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
  requireRole(locals, url, ['administrator']);
  const def = registerDefinition(params.register);
  if (!def || !def.available) error(404, 'Такого реестра нет');
  const { data, error: dbError } = await locals.supabase
    .from('organizations')
    .select('short_name, name')
    .eq('kind', 'university')
    .order('short_name');
  if (dbError) throw new Error(dbError.message);
  const universities = data.map((u) => u.short_name ?? u.name);
  return xlsxResponse(buildTemplate(def, universities), `Шаблон — ${def.title}.xlsx`);
};
