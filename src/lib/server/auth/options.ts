import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import pg from 'pg';
import { CLIENT_ADDRESS_HEADER } from '../client-address.ts';
import { config } from '../config.ts';
import { db } from '../db.ts';
import { enqueueEmail } from '../email/enqueue.ts';
import { isCommonPassword } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const SESSION_EXPIRES_IN_SECONDS = 60 * 60 * 24 * 7; // a week, renewed daily while used

/** The new address when a verification link confirms a change of email (its token says `updateTo`). */
export function changeEmailTarget(url: string): string | null {
  try {
    const token = new URL(url).searchParams.get('token') ?? '';
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.updateTo === 'string' ? payload.updateTo : null;
  } catch {
    return null;
  }
}

const PASSWORD_PATHS = new Set(['/sign-up/email', '/reset-password', '/change-password']);

/**
 * better-auth on our Postgres, in its own schema `better_auth` (not exposed through PostgREST).
 * User ids are UUIDs: the same id is `sub` of the JWT for PostgREST and the key of public.profiles.
 */
export function authOptions(extra: Pick<BetterAuthOptions, 'plugins'> = {}) {
  const c = config();
  const pool = new pg.Pool({
    connectionString: c.databaseUrl,
    max: 10,
    options: '-c search_path=better_auth',
  });
  pool.on('error', (err) => console.warn(`[auth] соединение закрыто: ${err.message}`));
  // on SIGTERM (server.js) idle connections must not keep the process up until they time out
  process.once('sveltekit:shutdown' as 'beforeExit', () => void pool.end().catch(() => {}));
  return {
    appName: 'КемероVоПРОФИ',
    baseURL: c.appUrl,
    secret: c.betterAuthSecret,
    trustedOrigins: [c.appUrl],
    database: pool,
    advanced: {
      database: { generateId: 'uuid' },
      cookiePrefix: 'kp',
      // The client's address as the app resolved it (client-address.ts), never X-Forwarded-For as
      // sent: every request the app hands to better-auth carries this header, set by the app.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        await enqueueEmail(db(), user.email, { template: 'reset_password', data: { name: user.name, url } });
      },
    },
    emailVerification: {
      // sent by our sign-up operations once the profile exists (src/lib/server/accounts)
      sendOnSignUp: false,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, url }) => {
        // The same hook confirms a new address on a change of email: say so in the letter.
        const newEmail = changeEmailTarget(url);
        await enqueueEmail(
          db(),
          user.email,
          newEmail
            ? { template: 'change_email', data: { name: user.name, newEmail, url } }
            : { template: 'verify_email', data: { name: user.name, url } },
        );
      },
    },
    user: {
      changeEmail: { enabled: true },
      // a person may delete their account and personal data (152-ФЗ); the password confirms it
      deleteUser: { enabled: true },
    },
    session: {
      expiresIn: SESSION_EXPIRES_IN_SECONDS,
      updateAge: 60 * 60 * 24,
    },
    // Over HTTP only the links of letters reach better-auth (hooks.server.ts); every other
    // operation goes through the app's server code and its limits (src/lib/server/rate-limit.ts).
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
    },
    hooks: {
      // The same password rules for every path that sets a password, HTTP or server-side call.
      before: createAuthMiddleware(async (ctx) => {
        if (!PASSWORD_PATHS.has(ctx.path)) return;
        const body = ctx.body as { password?: string; newPassword?: string } | undefined;
        const password = body?.password ?? body?.newPassword;
        if (typeof password === 'string' && isCommonPassword(password)) {
          throw new APIError('BAD_REQUEST', {
            code: 'PASSWORD_TOO_COMMON',
            message: 'Пароль слишком распространён: выберите другой',
          });
        }
      }),
    },
    ...extra,
  } satisfies BetterAuthOptions;
}

export function createAuth(extra: Pick<BetterAuthOptions, 'plugins'> = {}) {
  return betterAuth(authOptions(extra));
}

export type Auth = ReturnType<typeof createAuth>;
