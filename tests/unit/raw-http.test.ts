import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawHttpConnection } from '../../scripts/lib/raw-http.ts';

/** The benchmarks' minimal HTTP/1.1 client against node's own server. */
let server: http.Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('Кемерово, ');
        setTimeout(() => res.end('стажировка'), 5);
      } else if (req.url === '/close') {
        res.writeHead(200, { connection: 'close', 'content-length': '2' });
        res.end('ok');
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        const text = JSON.stringify({
          method: req.method,
          url: req.url,
          body,
          ae: req.headers['accept-encoding'],
        });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('RawHttpConnection', () => {
  it('sends requests one after another on one kept-alive connection and reads each whole answer', async () => {
    const before = connections;
    const c = new RawHttpConnection('127.0.0.1', port);
    const a = await c.request('POST', '/rpc?x=1', { 'accept-encoding': 'br' }, 'тело=Кузбасс');
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('application/json');
    expect(JSON.parse(a.body.toString('utf8'))).toEqual({
      method: 'POST',
      url: '/rpc?x=1',
      body: 'тело=Кузбасс',
      ae: 'br',
    });
    const chunked = await c.request('GET', '/chunked');
    expect(chunked.body.toString('utf8')).toBe('Кемерово, стажировка');
    expect((await c.request('GET', '/empty')).status).toBe(204);
    expect((await c.request('GET', '/again')).status).toBe(200);
    expect(connections - before).toBe(1);
    c.close();
  });

  it('opens a new connection after the server closed one', async () => {
    const before = connections;
    const c = new RawHttpConnection('127.0.0.1', port);
    expect((await c.request('GET', '/close')).body.toString()).toBe('ok');
    expect((await c.request('GET', '/after')).status).toBe(200);
    expect(connections - before).toBe(2);
    c.close();
  });

  it('fails when nothing listens, and refuses a second request while one is under way', async () => {
    await expect(new RawHttpConnection('127.0.0.1', 9).request('GET', '/')).rejects.toThrow();
    const c = new RawHttpConnection('127.0.0.1', port);
    const first = c.request('GET', '/chunked');
    await expect(c.request('GET', '/x')).rejects.toThrow(/уже идёт/);
    expect((await first).status).toBe(200);
    c.close();
  });
});
