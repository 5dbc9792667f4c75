import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DATABASE_URL, SUPABASE_URL, keys and secrets of the embedded stack of this test run. */
    stackEnv: Record<string, string>;
  }
}
