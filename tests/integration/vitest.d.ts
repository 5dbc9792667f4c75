import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DATABASE_URL, SUPABASE_URL, keys and secrets of the embedded stack of this test run. */
    stackEnv: Record<string, string>;
    /** POST /meilisearch/stop and /meilisearch/start stop and restart the stack's Meilisearch. */
    stackControlUrl: string;
  }
}
