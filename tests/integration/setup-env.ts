import { inject } from 'vitest';

// Every module of the server reads its configuration from process.env (src/lib/server/config.ts):
// point it at the stack that global-setup.ts started for this run.
Object.assign(process.env, inject('stackEnv'), { ORIGIN: 'http://127.0.0.1:3100' });
