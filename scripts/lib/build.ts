import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when there is no build of the app or its sources are newer than it. */
export function buildIsStale(root: string): boolean {
  const built = path.join(root, 'build', 'index.js');
  if (!existsSync(built)) return true;
  const sourcesTime = Math.max(
    newestMtime(path.join(root, 'src')),
    statSync(path.join(root, 'package.json')).mtimeMs,
    statSync(path.join(root, 'svelte.config.js')).mtimeMs,
  );
  return statSync(built).mtimeMs < sourcesTime;
}

export interface BuildOptions {
  /** The command and its arguments (the launcher: node vite.js build). */
  command: string;
  args: string[];
  cwd: string;
  /** The whole output of the build goes here, replacing the previous one. */
  logFile: string;
  /** The launcher's line logger: the build says one line on it. */
  log: (scope: string, message: string) => void;
  /** Where the build's log is shown when the build fails (stderr). */
  showFailure?: (text: string) => void;
}

/**
 * Runs a build quietly: one progress line, the whole output (Vite's warnings about circular
 * imports inside dependencies fill ~50 lines on a first start) kept in `logFile`, and shown only
 * when the build fails, followed by an error naming the log.
 */
export async function runBuild(opts: BuildOptions): Promise<void> {
  const showFailure = opts.showFailure ?? ((text: string) => process.stderr.write(text));
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  opts.log('build', `собираю приложение (журнал сборки: ${opts.logFile})…`);
  const file = createWriteStream(opts.logFile);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(opts.command, opts.args, {
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // a production build, whoever asks: under vitest NODE_ENV is 'test', and Vite would then
      // resolve Svelte's and SvelteKit's development code (DEV = true) into the built app
      env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0' },
    });
    child.stdout.pipe(file, { end: false });
    child.stderr.pipe(file, { end: false });
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  });
  await new Promise<void>((resolve) => file.end(resolve));
  if (code === 0) return;
  showFailure(readFileSync(opts.logFile, 'utf8'));
  throw new Error(`сборка приложения не удалась (код ${code}); журнал: ${opts.logFile}`);
}

/**
 * Builds the app with Vite when there is no build or its sources are newer (the launcher, the
 * benchmarks and tests that run the built app); the build's log goes to `logFile`.
 */
export async function ensureBuild(
  root: string,
  log: (scope: string, message: string) => void,
  logFile = path.join(root, '.data', 'build.log'),
): Promise<void> {
  if (!buildIsStale(root)) return;
  await runBuild({
    command: process.execPath,
    args: [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'],
    cwd: root,
    logFile,
    log,
  });
}
