import { auth } from '$lib/server/auth';
import { describeAuthError } from '$lib/server/accounts/auth-errors';
import { changePassword } from '$lib/server/accounts/change-password';
import { deleteAccount } from '$lib/server/accounts/delete-account';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { isCommonPassword } from '$lib/server/auth/common-passwords';
import { formFailure } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/guards';
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ emailChanged: url.searchParams.has('emailChanged') });

export const actions: Actions = {
  password: async (event) => {
    const person = requireSignedIn(event.locals, event.url);
    const form = await event.request.formData();
    const parsed = parseForm(changePasswordSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    if (isCommonPassword(parsed.data.password)) {
      return formFailure(400, { password: 'Пароль слишком распространён: выберите другой' }, form);
    }
    const result = await changePassword(
      auth(),
      person,
      { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.password },
      requestMeta(event),
    );
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { passwordChanged: true };
  },
  email: async (event) => {
    const person = requireSignedIn(event.locals, event.url);
    const form = await event.request.formData();
    const parsed = parseForm(changeEmailSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    if (parsed.data.email === person.email.toLowerCase()) {
      return formFailure(400, { email: 'Это ваш текущий адрес' }, form);
    }
    try {
      await auth().api.changeEmail({
        body: { newEmail: parsed.data.email, callbackURL: '/account?emailChanged=1' },
        headers: requestMeta(event).headers,
      });
    } catch (err) {
      const f = describeAuthError(err);
      return formFailure(f.status, { [f.field]: f.message }, form);
    }
    return { emailRequested: parsed.data.email };
  },
  delete: async (event) => {
    const person = requireSignedIn(event.locals, event.url);
    const form = await event.request.formData();
    const parsed = parseForm(deleteAccountSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const result = await deleteAccount(auth(), person, parsed.data.deletePassword, requestMeta(event));
    if (!result.ok) return formFailure(result.status, { deletePassword: result.message }, form);
    redirect(303, '/?deleted=1');
  },
};
