import { APIError } from 'better-auth/api';
import { addressBucket } from '../client-address.ts';
import { clearRateLimit, hitRateLimit, LIMITS, refundAttempts } from '../rate-limit.ts';

/** better-auth's answers to a wrong password (sign-in; change of password and deletion). */
const WRONG_PASSWORD_CODES = new Set(['INVALID_EMAIL_OR_PASSWORD', 'INVALID_PASSWORD']);

export function isWrongPassword(err: unknown): boolean {
  return (
    err instanceof APIError &&
    WRONG_PASSWORD_CODES.has((err.body as { code?: string } | undefined)?.code ?? '')
  );
}

/** The counters of wrong passwords for an account (by its address) and for a client address. */
export function passwordFailureKeys(email: string, ip: string | null): { account: string; ip: string } {
  return {
    account: `password-failures:account:${email.trim().toLowerCase()}`,
    ip: `password-failures:ip:${ip ? addressBucket(ip) : 'unknown'}`,
  };
}

export type LimitedCheck<T> = { ok: true; value: T } | { ok: false; wait: number };

/**
 * Runs one check of a person's password — sign-in, change of password, deletion of the account —
 * under the failure limits of LIMITS: per account whatever the client's address, and per address.
 *
 * Only wrong passwords count. The attempt is counted before the check, so that parallel guesses
 * cannot all pass before the first failure is recorded; an attempt that turns out not to be a
 * wrong password (right password, unconfirmed address, expired session, refusal) is given back,
 * and a right password clears the account's failures. When refused, the password is not checked
 * at all and `wait` says how many seconds remain. The check's own errors are rethrown.
 */
export async function limitPasswordCheck<T>(
  who: { email: string; ip: string | null },
  check: () => Promise<T>,
): Promise<LimitedCheck<T>> {
  const keys = passwordFailureKeys(who.email, who.ip);
  const { passwordFailuresPerAccount: perAccount, passwordFailuresPerIp: perIp } = LIMITS;
  const waits = await Promise.all([
    hitRateLimit(keys.account, perAccount.max, perAccount.windowSeconds),
    hitRateLimit(keys.ip, perIp.max, perIp.windowSeconds),
  ]);
  const wait = Math.max(...waits);
  if (wait) {
    await refundAttempts([keys.account, keys.ip]);
    return { ok: false, wait };
  }
  let value: T;
  try {
    value = await check();
  } catch (err) {
    if (!isWrongPassword(err)) await refundAttempts([keys.account, keys.ip]);
    throw err;
  }
  await Promise.all([clearRateLimit(keys.account), refundAttempts([keys.ip])]);
  return { ok: true, value };
}
