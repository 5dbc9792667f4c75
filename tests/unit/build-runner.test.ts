import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../scripts/lib/build.ts';

/** The launcher's build step, run with a stand-in build (a node one-liner) instead of Vite. */
const dir = mkdtempSync(path.join(tmpdir(), 'kp-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(script: string) {
  const lines: string[] = [];
  const shown: string[] = [];
  const logFile = path.join(dir, 'data', 'build.log');
  const run = runBuild({
    command: process.execPath,
    args: ['-e', script],
    cwd: dir,
    logFile,
    log: (scope, message) => lines.push(`[${scope}] ${message}`),
    showFailure: (text) => shown.push(text),
  });
  return { run, lines, shown, logFile };
}

// 50 warnings like Vite's about circular imports inside dependencies, on stdout and stderr
const WARNINGS = `for (let i = 1; i <= 50; i++) (i % 2 ? console.log : console.error)('Circular dependency ' + i);`;

describe('runBuild', () => {
  it('says one line for a successful build and keeps the whole output in the log file', async () => {
    const b = build(WARNINGS);
    await b.run;
    expect(b.lines).toEqual([`[build] собираю приложение (журнал сборки: ${b.logFile})…`]);
    expect(b.shown).toEqual([]);
    const log = readFileSync(b.logFile, 'utf8');
    for (const i of [1, 2, 49, 50]) expect(log).toContain(`Circular dependency ${i}\n`);
  });

  it('builds for production even when the caller runs as a test (NODE_ENV=test under vitest)', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const b = build(`console.log('NODE_ENV=' + process.env.NODE_ENV)`);
    await b.run;
    expect(readFileSync(b.logFile, 'utf8')).toBe('NODE_ENV=production\n');
  });

  it('shows the log and fails with a Russian error naming it when the build fails', async () => {
    const b = build(`${WARNINGS} console.error('error: Could not resolve "./missing"'); process.exit(3);`);
    await expect(b.run).rejects.toThrow(`сборка приложения не удалась (код 3); журнал: ${b.logFile}`);
    expect(b.lines).toHaveLength(1);
    expect(b.shown).toHaveLength(1);
    expect(b.shown[0]).toContain('Circular dependency 50');
    expect(b.shown[0]).toContain('Could not resolve "./missing"');
    // the log of the failed build replaced the previous one
    expect(readFileSync(b.logFile, 'utf8')).toBe(b.shown[0]);
  });
});
