import http from 'node:http';
import https from 'node:https';

/**
 * The `fetch` the app's PostgREST clients use (supabase.ts): one request over node:http on kept-alive
 * connections, the whole answer read into a string. postgrest-js needs no more of an answer than
 * its status, a header or two and its text; the global fetch (undici) builds WHATWG Request,
 * Response, Headers and streams around every request, and in CPU profiles under load that cost more
 * than the request itself (about 0.6 ms of the app's single thread per PostgREST call).
 *
 * Honours `method`, `headers` (a plain object or Headers), a string `body` and `signal`.
 */
export function postgrestFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(
      url,
      {
        method: init.method ?? 'GET',
        headers: plainHeaders(init.headers),
        agent: secure ? httpsAgent : httpAgent,
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve(
            new PostgrestAnswer(
              res.statusCode ?? 0,
              res.statusMessage ?? '',
              res.headers,
              Buffer.concat(chunks).toString('utf8'),
            ) as unknown as Response,
          ),
        );
      },
    );
    request.on('error', reject);
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      request.destroy();
      reject(new TypeError('postgrestFetch: тело запроса — только строка'));
      return;
    }
    request.end(init.body ?? undefined);
  });
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers);
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

/** What postgrest-js reads of an answer: status, ok, statusText, headers.get, text() (and json()). */
class PostgrestAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  readonly #body: string;

  constructor(status: number, statusText: string, raw: http.IncomingHttpHeaders, body: string) {
    this.status = status;
    this.statusText = statusText;
    this.ok = status >= 200 && status < 300;
    this.#body = body;
    this.headers = {
      get: (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      has: (name) => raw[name.toLowerCase()] !== undefined,
    };
  }

  text(): Promise<string> {
    return Promise.resolve(this.#body);
  }

  json(): Promise<unknown> {
    return Promise.resolve(JSON.parse(this.#body) as unknown);
  }
}
