import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the app (build/index.js) when there is no build or the sources are newer than it. The
 * launcher calls it, and so do tests that run the built app themselves.
 */
export async function ensureBuild(
  root: string,
  log: (scope: string, message: string) => void,
): Promise<void> {
  const built = path.join(root, 'build', 'index.js');
  const sourcesTime = Math.max(
    newestMtime(path.join(root, 'src')),
    statSync(path.join(root, 'package.json')).mtimeMs,
    statSync(path.join(root, 'svelte.config.js')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sourcesTime) return;
  log('build', 'собираю приложение (vite build)…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build завершился с кодом ${code}`)),
    );
  });
}
