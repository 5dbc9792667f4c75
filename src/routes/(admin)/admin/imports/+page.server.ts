import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import { REGISTERS } from '$lib/server/registers/definitions';
import { loadImports } from '$lib/server/registers/load-imports';
import { previewImport } from '$lib/server/registers/preview-import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  registers: REGISTERS.map((r) => ({
    key: r.key,
    title: r.title,
    available: r.available,
    headers: r.columns.map((c) => c.header),
  })),
  imports: await loadImports(locals.supabase),
});

export const actions: Actions = {
  upload: async ({ request, locals, url }) => {
    requireRole(locals, url, ['administrator']);
    const form = await request.formData();
    const register = String(form.get('register') ?? '');
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      return formFailure(
        400,
        { file: file instanceof File && file.name ? 'Файл пуст.' : 'Выберите файл XLSX или CSV' },
        form,
      );
    }
    const result = await previewImport(locals.supabase, {
      register,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    redirect(303, `/admin/imports/${result.id}`);
  },
};
