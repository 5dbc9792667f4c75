import { error, fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { commitImport, undoImport } from '$lib/server/registers/commit-import';
import { formatIssue } from '$lib/server/registers/check-register';
import { registerDefinition } from '$lib/server/registers/definitions';
import { loadImport } from '$lib/server/registers/load-imports';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadImport(locals.supabase, params.id);
  if (!found) error(404, 'Импорт не найден');
  const { issues, ...rest } = found;
  return {
    item: rest,
    title: registerDefinition(found.register)?.title ?? found.register,
    issues: issues.map((i) => ({ row: i.row, column: i.column, message: i.message, text: formatIssue(i) })),
    errorRows: new Set(issues.filter((i) => i.row != null).map((i) => i.row)).size,
  };
};

export const actions: Actions = {
  confirm: async ({ locals, params, url }) => {
    requireRole(locals, url, ['administrator']);
    const result = await commitImport(locals.supabase, params.id);
    if (!result.ok) return fail(result.status, { error: result.message });
    return { imported: result.count };
  },
  undo: async ({ locals, params, url }) => {
    requireRole(locals, url, ['administrator']);
    const result = await undoImport(locals.supabase, params.id);
    if (!result.ok) return fail(result.status, { error: result.message });
    return { undone: result.count };
  },
};
