import { auth } from '$lib/server/auth';
import { requestMeta } from '$lib/server/accounts/request-meta';
import { formFailure } from '$lib/server/forms';
import { addressBucket } from '$lib/server/client-address';
import { hitRateLimit, LIMITS, waitMessage } from '$lib/server/rate-limit';
import { forgotPasswordSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/schemas/form';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const parsed = parseForm(forgotPasswordSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, form);
    const meta = requestMeta(event);
    const { passwordResetsPerIp: perIp, passwordResetsPerEmail: perEmail } = LIMITS;
    const wait = Math.max(
      await hitRateLimit(
        `reset:ip:${meta.ip ? addressBucket(meta.ip) : 'unknown'}`,
        perIp.max,
        perIp.windowSeconds,
      ),
      await hitRateLimit(`reset:email:${parsed.data.email}`, perEmail.max, perEmail.windowSeconds),
    );
    if (wait) return formFailure(429, { form: waitMessage(wait) }, form);
    // The answer is the same whether or not the address is registered.
    await auth().api.requestPasswordReset({
      body: { email: parsed.data.email, redirectTo: '/reset-password' },
    });
    return { sent: true, email: parsed.data.email };
  },
};
