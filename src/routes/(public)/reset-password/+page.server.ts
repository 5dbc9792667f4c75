import { auth } from '$lib/server/auth';
import { describeAuthError } from '$lib/server/accounts/auth-errors';
import { isCommonPassword } from '$lib/server/auth/common-passwords';
import { formFailure } from '$lib/server/forms';
import { resetPasswordSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
  token: url.searchParams.get('token') ?? '',
  linkError: url.searchParams.get('error'),
});

export const actions: Actions = {
  default: async ({ request }) => {
    const form = await request.formData();
    const parsed = parseForm(resetPasswordSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    if (isCommonPassword(parsed.data.password)) {
      return formFailure(400, { password: 'Пароль слишком распространён: выберите другой' }, form);
    }
    try {
      await auth().api.resetPassword({
        body: { newPassword: parsed.data.password, token: parsed.data.token },
      });
    } catch (err) {
      const failure = describeAuthError(err);
      return formFailure(
        failure.status,
        { [failure.field === 'token' ? 'form' : failure.field]: failure.message },
        form,
      );
    }
    redirect(303, '/sign-in?reset=1');
  },
};
