import { describe, expect, test } from 'vitest';
import { brotliDecompressSync, gunzipSync, gzipSync, brotliCompressSync } from 'node:zlib';
import { chooseEncoding, isAnonymousGet, PublicPageCache } from '../../src/lib/server/public-page-cache.ts';

const page = (text: string) => ({
  status: 200,
  headers: [['content-type', 'text/html']] as [string, string][],
  body: new TextEncoder().encode(text),
});

function setup({ ttlMs = 10_000, maxEntries = 100, maxBytes = 1_000_000 } = {}) {
  let now = 1_000_000;
  const cache = new PublicPageCache(ttlMs, maxEntries, maxBytes, () => now);
  cache.listening = true;
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('public page cache', () => {
  test('a page is served until its time is up, with its age', () => {
    const { cache, advance } = setup();
    cache.set('/opportunities', page('a'));
    advance(2_500);
    const hit = cache.get('/opportunities');
    expect(new TextDecoder().decode(hit?.body)).toBe('a');
    expect(cache.age(hit!)).toBe('2');
    expect(hit?.rawHeaders).toEqual([
      'content-type',
      'text/html',
      'vary',
      'Accept-Encoding',
      'content-length',
      '1',
    ]);
    advance(7_500);
    expect(cache.get('/opportunities')).toBeUndefined();
    // kept a little longer for the requests that arrive while someone renders it anew
    expect(cache.size).toBe(1);
    advance(cache.staleMs);
    expect(cache.get('/opportunities')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test('while one request renders a page anew, the others get the page whose time just ran out', () => {
    const { cache, advance } = setup();
    cache.set('/opportunities', page('old'));
    advance(10_000);
    // the first to ask after the page's time renders it; nobody else is rendering it
    expect(cache.get('/opportunities')).toBeUndefined();
    const rendering = cache.startRendering('/opportunities');
    expect(rendering).not.toBeNull();
    // a second request for the same page does not render it too
    expect(cache.startRendering('/opportunities')).toBeNull();
    advance(1_000);
    const stale = cache.get('/opportunities');
    expect(new TextDecoder().decode(stale?.body)).toBe('old');
    expect(cache.age(stale!)).toBe('11');
    cache.set('/opportunities', page('new'));
    rendering!.done();
    expect(new TextDecoder().decode(cache.get('/opportunities')?.body)).toBe('new');
    expect(cache.startRendering('/opportunities')).not.toBeNull();
  });

  test('a page whose time ran out is never served longer than its stale time, rendering or not', () => {
    const { cache, advance } = setup();
    cache.set('/', page('old'));
    advance(10_000);
    const rendering = cache.startRendering('/');
    advance(cache.staleMs);
    expect(cache.get('/')).toBeUndefined();
    rendering!.done();
  });

  test('an announced change is never answered with the page from before it, even while rendering', () => {
    const { cache, advance } = setup();
    cache.set('/', page('old'));
    advance(10_000);
    const rendering = cache.startRendering('/');
    cache.clear();
    expect(cache.get('/')).toBeUndefined();
    rendering!.done();
  });

  test('waiting for a render ends when it does, or after the wait given', async () => {
    const { cache } = setup();
    await cache.rendered('/nobody-renders'); // at once
    const rendering = cache.startRendering('/');
    let ended = false;
    const waiting = cache.rendered('/').then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    rendering!.done();
    await waiting;
    expect(ended).toBe(true);
    cache.startRendering('/x');
    const started = Date.now();
    await cache.rendered('/x', 20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  test('nothing is stored or served while no listener reports changes, or with a TTL of 0', () => {
    const { cache } = setup();
    cache.listening = false;
    cache.set('/', page('a'));
    expect(cache.size).toBe(0);
    cache.listening = true;
    cache.set('/', page('a'));
    cache.listening = false;
    expect(cache.get('/')).toBeUndefined();
    const off = new PublicPageCache(0);
    off.listening = true;
    off.set('/', page('a'));
    expect(off.get('/')).toBeUndefined();
  });

  test('the least recently stored pages go first, by count and by bytes', () => {
    const { cache } = setup({ maxEntries: 2 });
    cache.set('/a', page('a'));
    cache.set('/b', page('b'));
    cache.set('/c', page('c'));
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/b')).toBeDefined();
    expect(cache.get('/c')).toBeDefined();

    // 160 bytes in all, at most 10 per page: the 17th page of 10 bytes pushes the first out
    const bytes = setup({ maxBytes: 160 });
    for (let i = 0; i < 17; i++) bytes.cache.set(`/p${i}`, page(String(i % 10).repeat(10)));
    expect(bytes.cache.size).toBe(16);
    expect(bytes.cache.get('/p0')).toBeUndefined();
    expect(bytes.cache.get('/p1')).toBeDefined();
    expect(bytes.cache.get('/p16')).toBeDefined();
    // a page over a sixteenth of the budget is never kept
    bytes.cache.set('/big', page('b'.repeat(11)));
    expect(bytes.cache.get('/big')).toBeUndefined();
  });

  test('a page rendered from data read before a change is not kept', () => {
    const { cache } = setup();
    const before = cache.generation;
    cache.clear(); // a change announced while the page rendered
    cache.set('/a', page('stale'), before);
    expect(cache.get('/a')).toBeUndefined();
    cache.set('/a', page('fresh'), cache.generation);
    expect(new TextDecoder().decode(cache.get('/a')?.body)).toBe('fresh');
  });

  test('a replaced page counts once; clear empties everything', () => {
    const { cache } = setup();
    cache.set('/a', page('one'));
    cache.set('/a', page('two'));
    expect(cache.size).toBe(1);
    expect(new TextDecoder().decode(cache.get('/a')?.body)).toBe('two');
    cache.clear();
    expect(cache.size).toBe(0);
  });

  test('only GET requests without a session cookie are answered from it', () => {
    expect(isAnonymousGet('GET', undefined)).toBe(true);
    expect(isAnonymousGet('GET', 'theme=dark')).toBe(true);
    expect(isAnonymousGet('GET', 'kp.session_token=abc.def')).toBe(false);
    expect(isAnonymousGet('GET', '__Secure-kp.session_token=abc.def')).toBe(false);
    expect(isAnonymousGet('POST', undefined)).toBe(false);
    expect(isAnonymousGet('HEAD', undefined)).toBe(false);

    const { cache } = setup();
    cache.set('/opportunities?q=%D0%B8%D0%BD%D0%B6%D0%B5%D0%BD%D0%B5%D1%80', page('инженер'));
    // the raw request line is normalized like SvelteKit's event.url
    expect(cache.lookup('GET', '/opportunities?q=инженер', undefined)).toBeDefined();
    expect(
      cache.lookup('GET', '/opportunities?q=%D0%B8%D0%BD%D0%B6%D0%B5%D0%BD%D0%B5%D1%80', undefined),
    ).toBeDefined();
    expect(cache.lookup('GET', '/opportunities?q=инженер', 'kp.session_token=x')).toBeUndefined();
    expect(cache.lookup('POST', '/opportunities?q=инженер', undefined)).toBeUndefined();
    expect(cache.lookup('GET', '/opportunities?q=химик', undefined)).toBeUndefined();
  });

  test('a browser that accepts brotli or gzip gets the page compressed, others get it as is', () => {
    const { cache } = setup();
    const html = '<!doctype html><p>Стажировка в КемеровоХиме</p>'.repeat(50);
    const body = new TextEncoder().encode(html);
    cache.set('/', { ...page(html), body, encoded: { br: brotliCompressSync(body), gzip: gzipSync(body) } });
    const kept = cache.get('/')!;

    const br = cache.variant(kept, 'gzip, deflate, br, zstd');
    expect(br.rawHeaders).toContain('content-encoding');
    expect(br.rawHeaders[br.rawHeaders.indexOf('content-encoding') + 1]).toBe('br');
    expect(br.rawHeaders[br.rawHeaders.indexOf('content-length') + 1]).toBe(String(br.body.byteLength));
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(html);
    expect(br.body.byteLength).toBeLessThan(body.byteLength / 5);

    const gz = cache.variant(kept, 'gzip');
    expect(gz.rawHeaders[gz.rawHeaders.indexOf('content-encoding') + 1]).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(html);

    const plain = cache.variant(kept, undefined);
    expect(plain.rawHeaders).not.toContain('content-encoding');
    expect(new TextDecoder().decode(plain.body)).toBe(html);
    // every form says it depends on Accept-Encoding
    for (const v of [br, gz, plain])
      expect(v.rawHeaders[v.rawHeaders.indexOf('vary') + 1]).toBe('Accept-Encoding');
  });

  test('Accept-Encoding is read with its weights', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('')).toBeNull();
    expect(chooseEncoding(null)).toBeNull();
    expect(chooseEncoding('GZIP')).toBe('gzip');
  });

  test('a page of one record is kept for the periods it is given', () => {
    const { cache, advance } = setup();
    cache.set('/opportunities/1', page('record'), cache.generation, 3);
    advance(29_000);
    expect(cache.get('/opportunities/1')).toBeDefined();
    advance(1_000);
    expect(cache.get('/opportunities/1')).toBeUndefined();
  });
});
