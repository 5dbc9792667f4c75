import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { loadClassifiers } from '$lib/server/reference';
import { attachResumeFile } from '$lib/server/resumes/attach-resume-file';
import { detachResumeFile } from '$lib/server/resumes/detach-resume-file';
import { loadResume } from '$lib/server/resumes/load-resume';
import { saveResume } from '$lib/server/resumes/save-resume';
import { ATTACHMENT_MAX_BYTES, currentMonth, parseResumeForm, RESUME_LIST_FIELDS } from '$lib/schemas/resume';
import { formLists, formValues, safeValues } from '$lib/schemas/form';
import type { Actions, PageServerLoad } from './$types';

const ROLES = ['student', 'graduate'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  const person = requireRole(locals, url, ROLES);
  const [loaded, { districts }] = await Promise.all([
    loadResume(locals.supabase, person.id),
    loadClassifiers(locals.supabase),
  ]);
  return { ...loaded, districts, maxMonth: currentMonth() };
};

const typedOf = (form: FormData) => ({
  values: safeValues(formValues(form)),
  lists: formLists(form, RESUME_LIST_FIELDS),
});

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    const person = requireRole(locals, url, ROLES);
    const form = await request.formData();
    // «Добавить ещё» without JavaScript: nothing is saved, the form comes back with one more row
    const intent = form.get('intent');
    if (intent === 'add-experience' || intent === 'add-language') {
      return { scope: 'resume' as const, add: intent, ...typedOf(form) };
    }
    const parsed = parseResumeForm(form);
    if (!parsed.ok) return fail(400, { scope: 'resume' as const, errors: parsed.errors, ...parsed.typed });
    const { districts } = await loadClassifiers(locals.supabase);
    if (parsed.data.desiredDistricts.some((d) => !districts.some((x) => x.value === d))) {
      return fail(400, {
        scope: 'resume' as const,
        errors: { desiredDistricts: 'Районы: выберите районы Кемерова из списка' },
        ...typedOf(form),
      });
    }
    const saved = await saveResume(locals.supabase, person.id, parsed.data);
    if (!saved.ok) {
      return fail(saved.status, {
        scope: 'resume' as const,
        errors: { [saved.field]: saved.message },
        ...typedOf(form),
      });
    }
    return { scope: 'resume' as const, saved: true };
  },

  attachment: async ({ request, locals, url }) => {
    const person = requireRole(locals, url, ROLES);
    const form = await request.formData();
    const file = form.get('attachment');
    const refuse = (status: number, message: string) =>
      fail(status, { scope: 'attachment' as const, errors: { attachment: message } });
    if (!(file instanceof File) || file.size === 0) return refuse(400, 'PDF-файл: выберите файл');
    // the size is known before the bytes are read: a bigger file is refused at once
    if (file.size > ATTACHMENT_MAX_BYTES) return refuse(413, 'PDF-файл: не больше 5 МБ');
    const result = await attachResumeFile(locals.supabase, person.id, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return refuse(result.status, result.message);
    return { scope: 'attachment' as const, uploaded: true };
  },

  detach: async ({ locals, url }) => {
    const person = requireRole(locals, url, ROLES);
    const result = await detachResumeFile(locals.supabase, person.id);
    if (!result.ok)
      return fail(result.status, { scope: 'attachment' as const, errors: { attachment: result.message } });
    return { scope: 'attachment' as const, detached: true };
  },
};
