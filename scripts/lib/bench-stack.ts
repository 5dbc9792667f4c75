/**
 * The throwaway stack of the benchmarks: its own data folder (emptied) and ports (BENCH_PG_PORT
 * etc., by default the bench set of fixed-ports.ts), never a configured external service.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fixedPorts } from './fixed-ports.ts';
import { EXTERNAL_SERVICE_VARIABLES, startStack, type Stack } from './stack.ts';

export async function startBenchStack(dataDir: string): Promise<Stack> {
  for (const name of EXTERNAL_SERVICE_VARIABLES) delete process.env[name];
  const dir = path.resolve(import.meta.dirname, '../..', dataDir);
  rmSync(dir, { recursive: true, force: true });
  const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const ports = fixedPorts().bench;
  return startStack({
    dataDir: dir,
    ports: {
      postgres: num('BENCH_PG_PORT', ports.postgres),
      gateway: num('BENCH_SUPABASE_PORT', ports.gateway),
      postgrest: num('BENCH_POSTGREST_PORT', ports.postgrest),
      postgrestAdmin: num('BENCH_POSTGREST_ADMIN_PORT', ports.postgrestAdmin),
      meilisearch: num('BENCH_MEILI_PORT', ports.meilisearch),
    },
    log: (scope, message) => {
      if (/ошибк|error/i.test(message)) process.stdout.write(`[${scope}] ${message}\n`);
    },
  });
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const fmt = (n: number, digits = 0) =>
  n
    .toLocaleString('ru-RU', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    .replace(/\u00a0/g, ' ');
