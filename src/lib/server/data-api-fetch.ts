import http from 'node:http';
import https from 'node:https';
import { config } from './config.ts';

/**
 * The `fetch` of the server's supabase-js clients (supabase.ts): one request over node:http on
 * kept-alive connections, the whole answer read into a string. supabase-js's Data API client
 * (postgrest-js) reads no more of an answer than its status, a header or two and its text; the
 * global fetch (undici) builds WHATWG Request, Response, Headers and streams around every request,
 * and in CPU profiles under load that cost more than the request itself (about 0.6 ms of the app's
 * single thread per PostgREST call).
 *
 * With POSTGREST_URL set, requests for SUPABASE_URL/rest/v1 go straight there (the embedded stack's
 * PostgREST; a self-hosted Supabase's PostgREST service) instead of through the API gateway.
 * Honours `method`, `headers` (a plain object, pairs or Headers), a string `body` and `signal`.
 */
export const dataApiFetch = createDataApiFetch(direct);

/** A fetch over node:http that sends each request to `route(url)`. */
export function createDataApiFetch(route: (url: string) => string) {
  return (input: string | URL | Request, init: RequestInit = {}) => send(route, input, init);
}

function send(
  route: (url: string) => string,
  input: string | URL | Request,
  init: RequestInit,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      reject(new TypeError('dataApiFetch: тело запроса — только строка'));
      return;
    }
    const url = new URL(route(input instanceof Request ? input.url : String(input)));
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
            new DataApiAnswer(
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
    request.end(init.body ?? undefined);
  });
}

/** The URL a request really goes to: SUPABASE_URL/rest/v1/… as POSTGREST_URL/… when that is set. */
function direct(url: string): string {
  const { supabaseUrl, postgrestUrl } = config();
  return directUrl(url, supabaseUrl, postgrestUrl);
}

/** directUrl with the two addresses given. */
export function directUrl(url: string, supabaseUrl: string, postgrestUrl: string): string {
  const gateway = `${supabaseUrl.replace(/\/+$/, '')}/rest/v1`;
  if (!postgrestUrl || postgrestUrl === gateway || !url.startsWith(gateway)) return url;
  const rest = url.slice(gateway.length);
  return rest === '' || rest.startsWith('/') || rest.startsWith('?') ? postgrestUrl + rest : url;
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
class DataApiAnswer {
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
