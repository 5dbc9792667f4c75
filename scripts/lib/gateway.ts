import http from 'node:http';

/**
 * The embedded stand-in for Supabase's API gateway: serves PostgREST under /rest/v1 so that
 * @supabase/supabase-js talks to it exactly as to a Supabase project. Like Supabase's gateway it
 * turns a bare `apikey` header into the bearer token when no Authorization header is sent.
 */
export function startGateway(port: number, postgrestPort: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/rest/v1')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'no route' }));
      return;
    }
    const headers = { ...req.headers };
    if (!headers.authorization && typeof headers.apikey === 'string') {
      headers.authorization = `Bearer ${headers.apikey}`;
    }
    delete headers.host;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: postgrestPort,
        method: req.method,
        path: url.slice('/rest/v1'.length) || '/',
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'PostgREST недоступен' }));
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
