import { describe, expect, it } from 'vitest';
import { keyedProcessCache, processCache } from '../../src/lib/server/cache.ts';

/** A fake clock and a fetch that counts its calls and answers with its own call's number. */
function setup(ttlMs = 60_000) {
  let time = 1_000_000;
  let calls = 0;
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const cache = processCache(
    ttlMs,
    () =>
      new Promise<number>((resolve, reject) => {
        const n = ++calls;
        pending.push({ resolve: () => resolve(n), reject });
      }),
    () => time,
  );
  /** Lets the fetch start (it starts on the next microtask), then answers the oldest one. */
  const settle = async (how: 'resolve' | 'reject' = 'resolve') => {
    await Promise.resolve();
    await Promise.resolve();
    const next = pending.shift()!;
    if (how === 'resolve') next.resolve();
    else next.reject(new Error('PostgREST недоступен'));
  };
  return {
    cache,
    settle,
    calls: () => calls,
    advance: (ms: number) => void (time += ms),
  };
}

describe('processCache', () => {
  it('answers from the process while the value is younger than the TTL', async () => {
    const t = setup();
    const first = t.cache.get();
    await t.settle();
    expect(await first).toBe(1);
    t.advance(59_999);
    expect(await t.cache.get()).toBe(1);
    expect(t.calls()).toBe(1);
  });

  it('never gives a value older than the TTL: at the TTL the next caller waits for a fresh fetch', async () => {
    const t = setup();
    const first = t.cache.get();
    await t.settle();
    await first;
    t.advance(60_000);
    const second = t.cache.get();
    await t.settle();
    expect(await second).toBe(2);
    expect(t.calls()).toBe(2);
  });

  it('counts the age from the start of the fetch, not from its end', async () => {
    const t = setup();
    const first = t.cache.get();
    t.advance(40_000); // a slow fetch: the data it returns is as old as the moment it was asked for
    await t.settle();
    await first;
    t.advance(20_000);
    const second = t.cache.get();
    await t.settle();
    expect(await second).toBe(2);
  });

  it('shares one fetch among callers that arrive while it runs', async () => {
    const t = setup();
    const callers = [t.cache.get(), t.cache.get(), t.cache.get()];
    await t.settle();
    expect(await Promise.all(callers)).toEqual([1, 1, 1]);
    expect(t.calls()).toBe(1);
  });

  it('keeps no failure: the callers of a failed fetch get its error, the next caller fetches again', async () => {
    const t = setup();
    const callers = [t.cache.get(), t.cache.get()];
    await t.settle('reject');
    for (const c of callers) await expect(c).rejects.toThrow('PostgREST недоступен');
    const again = t.cache.get();
    await t.settle();
    expect(await again).toBe(2);
    expect(t.calls()).toBe(2);
  });

  it('forget() makes the next caller fetch, even within the TTL', async () => {
    const t = setup();
    const first = t.cache.get();
    await t.settle();
    await first;
    t.cache.forget();
    const second = t.cache.get();
    await t.settle();
    expect(await second).toBe(2);
  });

  it('a fetch that was forgotten while it ran does not come back as the kept value', async () => {
    const t = setup();
    const old = t.cache.get();
    t.cache.forget(); // e.g. a university was added while the list was being read
    const fresh = t.cache.get();
    await t.settle();
    await t.settle();
    expect(await old).toBe(1);
    expect(await fresh).toBe(2);
    expect(await t.cache.get()).toBe(2);
    expect(t.calls()).toBe(2);
  });
});

describe('keyedProcessCache', () => {
  function setup(maxKeys = 1000) {
    let time = 0;
    const fetched: string[] = [];
    const cache = keyedProcessCache(
      60_000,
      async (key) => {
        fetched.push(key);
        return `${key}#${fetched.length}`;
      },
      { maxKeys, now: () => time },
    );
    return { cache, fetched, advance: (ms: number) => void (time += ms) };
  }

  it('keeps each key apart, one shared fetch per key, fresh after the TTL', async () => {
    const t = setup();
    expect(await Promise.all([t.cache.get('a'), t.cache.get('a'), t.cache.get('b')])).toEqual([
      'a#1',
      'a#1',
      'b#2',
    ]);
    t.advance(59_999);
    expect(await t.cache.get('a')).toBe('a#1');
    t.advance(1);
    expect(await t.cache.get('a')).toBe('a#3');
    expect(t.fetched).toEqual(['a', 'b', 'a']);
  });

  it('keeps at most maxKeys keys, dropping the oldest', async () => {
    const t = setup(2);
    await t.cache.get('a');
    await t.cache.get('b');
    await t.cache.get('c'); // drops a
    await t.cache.get('b');
    await t.cache.get('a');
    expect(t.fetched).toEqual(['a', 'b', 'c', 'a']);
  });

  it('forget(key) drops only that key', async () => {
    const t = setup();
    await t.cache.get('a');
    await t.cache.get('b');
    t.cache.forget('a');
    await t.cache.get('a');
    await t.cache.get('b');
    expect(t.fetched).toEqual(['a', 'b', 'a']);
  });

  it('forgetAll() drops every key (a contract changed: whose page is not known)', async () => {
    const t = setup();
    await t.cache.get('a');
    await t.cache.get('b');
    t.cache.forgetAll();
    await t.cache.get('a');
    await t.cache.get('b');
    expect(t.fetched).toEqual(['a', 'b', 'a', 'b']);
  });
});
