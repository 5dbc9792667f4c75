import type { PostgrestError } from '@supabase/supabase-js';
import type { Auth } from '../auth/options.ts';
import { isCommonPassword } from '../auth/common-passwords.ts';
import { addressBucket } from '../client-address.ts';
import { db } from '../db.ts';
import { describeDbError } from '../errors.ts';
import { hitRateLimit, LIMITS, waitMessage } from '../rate-limit.ts';
import { userClient, type Supabase } from '../supabase.ts';
import { describeAuthError } from './auth-errors.ts';
import type { RequestMeta } from './request-meta.ts';

export type AccountResult =
  { ok: true; userId: string } | { ok: false; field: string; message: string; status: number };

/** Where the emailed verification link lands once the address is confirmed. */
export const AFTER_VERIFICATION_URL = '/home?verified=1';

/**
 * Creates the account, then the person's profile with their own JWT (an RPC that checks the
 * caller), and only then sends the verification email. If the profile cannot be created the
 * account is removed again, so a failed sign-up leaves nothing behind.
 */
export async function createAccount(
  auth: Auth,
  account: { name: string; email: string; password: string },
  meta: RequestMeta,
  register: (client: Supabase) => PromiseLike<{ error: PostgrestError | null }>,
  fieldMap: Record<string, string> = {},
): Promise<AccountResult> {
  const { max, windowSeconds } = LIMITS.signUpsPerIp;
  const wait = await hitRateLimit(
    `sign-up:${meta.ip ? addressBucket(meta.ip) : 'unknown'}`,
    max,
    windowSeconds,
  );
  if (wait) return { ok: false, field: 'form', message: waitMessage(wait), status: 429 };
  if (isCommonPassword(account.password)) {
    return {
      ok: false,
      field: 'password',
      message: 'Пароль слишком распространён: выберите другой',
      status: 400,
    };
  }
  // better-auth answers a sign-up for a taken address with a made-up success (so as not to reveal
  // accounts); our forms promise to say so next to the field, like every job site does.
  const taken = await db().query('select 1 from better_auth."user" where lower(email) = lower($1)', [
    account.email,
  ]);
  if (taken.rowCount) {
    return {
      ok: false,
      field: 'email',
      message: 'Этот адрес уже зарегистрирован. Войдите или восстановите пароль.',
      status: 409,
    };
  }
  let userId: string;
  try {
    const result = await auth.api.signUpEmail({
      body: { ...account, callbackURL: AFTER_VERIFICATION_URL },
      headers: meta.headers,
    });
    userId = result.user.id;
  } catch (err) {
    return { ok: false, ...describeAuthError(err) };
  }
  const { error } = await register(await userClient({ sub: userId, email: account.email }));
  if (error) {
    await db().query('delete from better_auth."user" where id = $1', [userId]);
    return { ok: false, ...describeDbError(error, fieldMap) };
  }
  await auth.api.sendVerificationEmail({
    body: { email: account.email, callbackURL: AFTER_VERIFICATION_URL },
  });
  return { ok: true, userId };
}
