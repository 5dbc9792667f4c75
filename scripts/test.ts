/**
 * `npm test` — every check and test, in order: static checks (types, svelte-check, lint, formatting,
 * database types up to date), unit tests, integration tests against the real embedded stack, and
 * end-to-end tests in Chromium. Each step starts what it needs. Ends with one summary line.
 *   npm test -- --only unit|integration|e2e|static
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, '.data', 'reports');
mkdirSync(reports, { recursive: true });
const { values } = parseArgs({ options: { only: { type: 'string' } } });

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
const failedSteps: string[] = [];

function run(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`\n=== ${step} ===\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) failedSteps.push(step);
  return ok;
}

function countVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}

function countPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
}

const want = (step: string) => !values.only || values.only === step;

if (want('static')) {
  run('svelte-check (типы)', 'npm', ['run', '--silent', 'check']);
  run('eslint и prettier', 'npm', ['run', '--silent', 'lint']);
  run('типы базы данных актуальны', process.execPath, ['scripts/gen-types.ts', '--check']);
}
for (const project of ['unit', 'integration'] as const) {
  if (!want(project)) continue;
  const out = path.join(reports, `vitest-${project}.json`);
  run(`vitest: ${project}`, bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  countVitest(out);
}
if (want('e2e')) {
  const out = path.join(reports, 'playwright.json');
  run('playwright (Chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  countPlaywright(out);
}

if (failedSteps.length) process.stdout.write(`\nНе прошли шаги: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\ntotal: ${passed} passed, ${failed} failed\n`);
process.exit(failedSteps.length ? 1 : 0);
