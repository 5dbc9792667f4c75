/**
 * Server configuration, read from the environment once. This module is imported by the SvelteKit
 * server, the worker and command-line scripts alike, so it reads process.env (not $env/*) and uses
 * only relative imports.
 */
export interface ServerConfig {
  databaseUrl: string;
  supabaseUrl: string;
  /** where the app's own Data API requests go: POSTGREST_URL, else SUPABASE_URL/rest/v1 (data-api-fetch.ts) */
  postgrestUrl: string;
  supabaseAnonKey: string;
  supabaseServiceRoleKey: string;
  jwtSecret: string;
  meilisearchUrl: string;
  meilisearchMasterKey: string;
  betterAuthSecret: string;
  /** 'mailbox' keeps messages in the database (embedded default); 'smtp' sends through SMTP_URL. */
  mailMode: 'mailbox' | 'smtp';
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Public base URL of the app, used in links of emails. */
  appUrl: string;
  /**
   * The development mailbox page: only when the embedded launcher runs the app without SMTP, and
   * never with NODE_ENV=production (who may read it: dev-mailbox-access.ts).
   */
  devMailbox: boolean;
  /**
   * How many reverse proxies of ours stand in front of the app (TRUSTED_PROXY_COUNT, default 0):
   * that many hops of X-Forwarded-For, counted from the right, are believed (client-address.ts).
   */
  trustedProxyCount: number;
  /**
   * How long the letters about applications wait for more changes to the same person before they
   * leave (several changes within it make one letter). APPLICATION_LETTERS_DELAY_SECONDS, default 300.
   */
  applicationLettersDelaySeconds: number;
  /**
   * How long the indicators' numbers are kept in the process (indicators/facts-cache.ts):
   * INDICATORS_CACHE_SECONDS, default 30, at most 60 (issue 9's promise); 0 keeps nothing.
   */
  indicatorsCacheSeconds: number;
}

function seconds(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${name} — целое число секунд от 0 до ${max}`);
  }
  return value;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Не задана переменная окружения ${name} (см. .env.example)`);
  return value;
}

/** TRUSTED_PROXY_COUNT: a small non-negative integer; anything else stops the app with a clear message. */
export function parseTrustedProxyCount(env: NodeJS.ProcessEnv = process.env): number {
  // adapter-node's own ADDRESS_HEADER/XFF_DEPTH would apply a second, different rule before ours
  // (and only in the built app, not in `npm run dev` or the tests): one mechanism, ours.
  if (env.ADDRESS_HEADER) {
    throw new Error(
      'ADDRESS_HEADER не используется: число своих прокси задаётся в TRUSTED_PROXY_COUNT (см. .env.example)',
    );
  }
  const raw = env.TRUSTED_PROXY_COUNT?.trim() || '0';
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count > 10) {
    throw new Error(`TRUSTED_PROXY_COUNT должен быть целым числом от 0 до 10, а не «${raw}»`);
  }
  return count;
}

let cached: ServerConfig | undefined;

export function config(): ServerConfig {
  if (cached) return cached;
  const smtpUrl = process.env.SMTP_URL || undefined;
  cached = {
    databaseUrl: required('DATABASE_URL'),
    supabaseUrl: required('SUPABASE_URL'),
    postgrestUrl: (
      process.env.POSTGREST_URL || `${required('SUPABASE_URL').replace(/\/+$/, '')}/rest/v1`
    ).replace(/\/+$/, ''),
    supabaseAnonKey: required('SUPABASE_ANON_KEY'),
    supabaseServiceRoleKey: required('SUPABASE_SERVICE_ROLE_KEY'),
    jwtSecret: required('SUPABASE_JWT_SECRET'),
    meilisearchUrl: required('MEILISEARCH_URL'),
    meilisearchMasterKey: required('MEILISEARCH_MASTER_KEY'),
    betterAuthSecret: required('BETTER_AUTH_SECRET'),
    mailMode: smtpUrl ? 'smtp' : 'mailbox',
    smtpUrl,
    mailFrom: process.env.MAIL_FROM || 'КемероVоПРОФИ <no-reply@kemerovo-profi.local>',
    devMailbox: !smtpUrl && process.env.EMBEDDED_MAILBOX === '1' && process.env.NODE_ENV !== 'production',
    trustedProxyCount: parseTrustedProxyCount(),
    applicationLettersDelaySeconds: seconds('APPLICATION_LETTERS_DELAY_SECONDS', 300, 3600),
    indicatorsCacheSeconds: seconds('INDICATORS_CACHE_SECONDS', 30, 60),
    appUrl: (process.env.ORIGIN || process.env.PUBLIC_APP_URL || 'http://127.0.0.1:3000').replace(/\/$/, ''),
  };
  return cached;
}
