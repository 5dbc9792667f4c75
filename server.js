/**
 * The app's entry (`node server.js` after `npm run build`): SvelteKit's request handler
 * (adapter-node's build/handler.js, the documented way to run it in a server of one's own) behind a
 * thin front that answers anonymous visitors' public pages from the app's short-lived page cache
 * (src/lib/server/public-page-cache.ts) before the request is turned into a Web Request for
 * SvelteKit — a cached page then costs about what sending its bytes costs. Everything else, and
 * every miss, goes to SvelteKit, which fills the cache.
 *
 * Environment as adapter-node's own entry reads it: HOST (0.0.0.0), PORT (3000), ORIGIN,
 * SHUTDOWN_TIMEOUT (30 s), KEEP_ALIVE_TIMEOUT / HEADERS_TIMEOUT (seconds), BODY_SIZE_LIMIT.
 * SIGTERM/SIGINT: stops accepting, finishes what is under way, tells the app (`sveltekit:shutdown`).
 * WEB_CONCURRENCY (default 1): that many app processes share the port (node:cluster), each with its
 * own page cache; one that dies after it started is replaced, one that cannot start (e.g. the
 * production check of demo log-ins) stops them all with its exit code.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import process from 'node:process';

const processes = Number(process.env.WEB_CONCURRENCY || 1);
if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
  console.error(`WEB_CONCURRENCY — целое число процессов от 1 до 64, а не «${process.env.WEB_CONCURRENCY}»`);
  process.exit(1);
}
if (processes > 1 && cluster.isPrimary) {
  supervise(processes);
} else {
  await serve();
}

/** The primary of WEB_CONCURRENCY processes: starts, replaces and stops them. */
function supervise(count) {
  let stopping = false;
  const started = new Set();
  cluster.on('listening', (worker) => started.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!started.has(worker.id)) {
      // it could not start: neither can its replacements
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exit(code || 1);
    }
    console.error(`процесс приложения ${worker.process.pid} завершился (${signal ?? code}), запускаю новый`);
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function serve() {
  const { handler } = await import('./build/handler.js');

  const host = process.env.HOST || '0.0.0.0';
  const port = Number(process.env.PORT || 3000);
  const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT || 30);

  /** The store the app's hook fills (public-page-cache.ts: `lookup` returns a fresh page or undefined). */
  const PAGE_CACHE = Symbol.for('kemerovo-profi.public-page-cache');

  const server = http.createServer((req, res) => {
    const cache = globalThis[PAGE_CACHE];
    const page = cache?.lookup(req.method, req.url, req.headers.cookie);
    if (page) {
      const variant = cache.variant(page, req.headers['accept-encoding']);
      res.writeHead(page.status, variant.rawHeaders.concat('age', cache.age(page)));
      res.end(variant.body);
      return;
    }
    handler(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Не найдено');
    });
  });
  for (const [variable, property] of [
    ['KEEP_ALIVE_TIMEOUT', 'keepAliveTimeout'],
    ['HEADERS_TIMEOUT', 'headersTimeout'],
  ]) {
    const seconds = Number(process.env[variable]);
    if (process.env[variable] && Number.isFinite(seconds)) server[property] = seconds * 1000;
  }

  server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

  let stopping = false;
  function shutdown(reason) {
    if (stopping) return;
    stopping = true;
    server.closeIdleConnections();
    server.close(() => process.emit('sveltekit:shutdown', reason));
    setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000).unref();
  }
  // requests still under way: close their connections as soon as they become idle
  server.on('request', (req) => req.on('close', () => stopping && server.closeIdleConnections()));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
