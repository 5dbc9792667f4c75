import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureBuild } from '../../scripts/lib/build.ts';
import { fixedPorts } from '../../scripts/lib/fixed-ports.ts';
import { createAuth } from '../../src/lib/server/auth/options.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Builds the app when it is missing or stale (in a test's beforeAll: a build outlasts a test's timeout). */
export function ensureAppBuilt(): Promise<void> {
  return ensureBuild(root, (_scope, message) => process.stdout.write(`[build] ${message}\n`));
}

export interface BuiltApp {
  base: string;
  port: number;
  stop: () => Promise<void>;
}

/**
 * The built app as it runs in production (`node server.js`, built first when missing or stale) on
 * the integration stack, on the integration tests' app port (test files run one at a time). Ready
 * when `ready` says so (by default: /sign-in answers 200); a start that fails says why, with the
 * app's stderr.
 */
export async function startBuiltApp(
  env: NodeJS.ProcessEnv = {},
  ready?: (base: string) => Promise<boolean>,
): Promise<BuiltApp> {
  await ensureAppBuilt();
  const port = fixedPorts().integrationApp.app;
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'server.js')], {
    cwd: root,
    env: {
      ...process.env,
      SMTP_URL: '',
      EMBEDDED_MAILBOX: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORIGIN: base,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const isReady =
    ready ?? (async (url: string) => (await fetch(`${url}/sign-in`).catch(() => null))?.status === 200);
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`приложение завершилось (${child.exitCode}): ${stderr}`);
    if (await isReady(base).catch(() => false)) return { base, port, stop };
    if (i > 300) {
      await stop();
      throw new Error(`приложение не ответило: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh session of this account, as the Cookie header a browser would send with it. */
export async function signedInCookie(account: { email: string; password: string }): Promise<string> {
  const signedIn = await createAuth().api.signInEmail({
    body: { email: account.email, password: account.password },
    returnHeaders: true,
  });
  return signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0])
    .join('; ');
}
