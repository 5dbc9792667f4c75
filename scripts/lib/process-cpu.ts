import { readdir, readFile } from 'node:fs/promises';

/**
 * CPU time used by this machine's processes (Linux /proc), grouped by what they are: a benchmark
 * takes one reading before its load and one after, and prints where the machine's CPU went — the
 * app, Postgres, PostgREST, Meilisearch, the worker or the load generator itself.
 */
export type CpuReading = Map<string, number>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** A process's group: its command line, boiled down to the part that names it. */
function groupOf(cmdline: string, comm: string): string {
  const args = cmdline.split('\0').filter(Boolean);
  const joined = args.join(' ');
  if (comm === 'postgres' || /\/postgres\b/.test(args[0] ?? '') || /^postgres: /.test(joined)) {
    // a backend's title: "postgres: <user> <db> <client> <state>" or "postgres: autovacuum worker" …
    const title = /^postgres: (.*)$/.exec(joined)?.[1] ?? '';
    if (/^(autovacuum|walwriter|checkpointer|background writer|logical replication|io worker)/.test(title)) {
      return `Postgres: ${title.replace(/ (worker|launcher)\b.*$/, ' $1').trim()}`;
    }
    return title ? 'Postgres: сеансы клиентов' : 'Postgres: postmaster';
  }
  if (/postgrest/.test(comm) || /postgrest/.test(args[0] ?? '')) return 'PostgREST';
  if (/meilisearch/.test(comm) || /meilisearch/.test(args[0] ?? '')) return 'Meilisearch';
  if (/server\.js\b/.test(joined)) return 'приложение (server.js)';
  if (/worker\.ts\b/.test(joined)) return 'worker';
  if (/--load-plan\b/.test(joined)) return 'генератор нагрузки';
  if (/scripts\/bench-/.test(joined)) return 'процесс бенчмарка (шлюз /rest/v1)';
  return 'прочее';
}

export async function readProcessCpu(): Promise<CpuReading> {
  const reading: CpuReading = new Map();
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // comm may hold spaces and parentheses: the fields after it start at the last ')'
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      reading.set(`${pid}\t${groupOf(cmdline, comm)}`, ticks);
    } catch {
      // the process ended while we read
    }
  }
  return reading;
}

/** CPU seconds per group between two readings (processes that started in between count from 0). */
export function cpuSecondsBetween(before: CpuReading, after: CpuReading): [string, number][] {
  const groups = new Map<string, number>();
  for (const [key, ticks] of after) {
    const group = key.split('\t')[1];
    const used = ticks - (before.get(key) ?? 0);
    if (used > 0) groups.set(group, (groups.get(group) ?? 0) + used / TICKS_PER_SECOND);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}
