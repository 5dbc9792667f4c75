/**
 * Server configuration, read from the environment once. This module is imported by the SvelteKit
 * server, the worker and command-line scripts alike, so it reads process.env (not $env/*) and uses
 * only relative imports.
 */
export interface ServerConfig {
  databaseUrl: string;
  supabaseUrl: string;
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
  /** The development mailbox page: only when the embedded launcher runs the app without SMTP. */
  devMailbox: boolean;
  /**
   * How long the letters about applications wait for more changes to the same person before they
   * leave (several changes within it make one letter). APPLICATION_LETTERS_DELAY_SECONDS, default 300.
   */
  applicationLettersDelaySeconds: number;
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

let cached: ServerConfig | undefined;

export function config(): ServerConfig {
  if (cached) return cached;
  const smtpUrl = process.env.SMTP_URL || undefined;
  cached = {
    databaseUrl: required('DATABASE_URL'),
    supabaseUrl: required('SUPABASE_URL'),
    supabaseAnonKey: required('SUPABASE_ANON_KEY'),
    supabaseServiceRoleKey: required('SUPABASE_SERVICE_ROLE_KEY'),
    jwtSecret: required('SUPABASE_JWT_SECRET'),
    meilisearchUrl: required('MEILISEARCH_URL'),
    meilisearchMasterKey: required('MEILISEARCH_MASTER_KEY'),
    betterAuthSecret: required('BETTER_AUTH_SECRET'),
    mailMode: smtpUrl ? 'smtp' : 'mailbox',
    smtpUrl,
    mailFrom: process.env.MAIL_FROM || 'КемероVоПРОФИ <no-reply@kemerovo-profi.local>',
    devMailbox: !smtpUrl && process.env.EMBEDDED_MAILBOX === '1',
    applicationLettersDelaySeconds: seconds('APPLICATION_LETTERS_DELAY_SECONDS', 300, 3600),
    appUrl: (process.env.ORIGIN || process.env.PUBLIC_APP_URL || 'http://127.0.0.1:3000').replace(/\/$/, ''),
  };
  return cached;
}
