import net from 'node:net';

/**
 * A load generator's HTTP/1.1 connection: one kept-alive socket, one request at a time (a closed
 * loop, like autocannon's), requests written as prebuilt text and answers read with a minimal parser
 * (status line, headers, a body by Content-Length or chunked). node:http's client costs several
 * times more CPU per request, and on a benchmark machine the generator's CPU is taken from the app
 * it measures.
 */
export interface RawAnswer {
  status: number;
  /** lower-case names */
  headers: Record<string, string>;
  body: Buffer;
}

export class RawHttpConnection {
  readonly #host: string;
  readonly #port: number;
  readonly #timeoutMs: number;
  #socket: net.Socket | null = null;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: { resolve: (a: RawAnswer) => void; reject: (e: Error) => void; head: boolean } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: string, port: number, timeoutMs = 30_000) {
    this.#host = host;
    this.#port = port;
    this.#timeoutMs = timeoutMs;
  }

  /** Sends one request and reads its whole answer (a second call must wait for the first). */
  request(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<RawAnswer> {
    if (this.#pending) return Promise.reject(new Error('запрос уже идёт по этому соединению'));
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    let text = `${method} ${path} HTTP/1.1\r\nhost: ${this.#host}:${this.#port}\r\n`;
    for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
    if (payload) text += `content-length: ${payload.byteLength}\r\n`;
    text += '\r\n';
    return new Promise<RawAnswer>((resolve, reject) => {
      this.#pending = { resolve, reject, head: method === 'HEAD' };
      this.#timer = setTimeout(() => this.#fail(new Error('нет ответа за 30 с')), this.#timeoutMs);
      const socket = this.#connect();
      socket.write(payload ? Buffer.concat([Buffer.from(text, 'latin1'), payload]) : text, 'latin1');
    });
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = null;
  }

  #connect(): net.Socket {
    if (this.#socket) return this.#socket;
    const socket = net.connect(this.#port, this.#host);
    socket.setNoDelay(true);
    this.#buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
      this.#parse();
    });
    const gone = (err?: Error) => {
      // a socket this connection already let go of (closed after `connection: close`) fails nothing
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#fail(err ?? new Error('соединение закрыто сервером'));
    };
    socket.on('error', gone);
    socket.on('close', () => gone());
    this.#socket = socket;
    return socket;
  }

  #parse(): void {
    if (!this.#pending) return;
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const lines = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let at = end + 4;
    let body: Buffer;
    if (this.#pending.head || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      body = Buffer.alloc(0);
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = this.#buffer.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = parseInt(this.#buffer.subarray(at, lineEnd).toString('latin1'), 16);
        if (Number.isNaN(size)) return this.#fail(new Error('неверный размер части ответа'));
        if (this.#buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          at = lineEnd + 4; // no trailers from our server: the last chunk's CRLF
          break;
        }
        parts.push(this.#buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (this.#buffer.length < at + length) return;
      body = this.#buffer.subarray(at, at + length);
      at += length;
    }
    this.#buffer = this.#buffer.subarray(at);
    const { resolve } = this.#pending;
    this.#pending = null;
    clearTimeout(this.#timer);
    if (/close/i.test(headers.connection ?? '')) this.close();
    resolve({ status, headers, body });
  }

  #fail(err: Error): void {
    const pending = this.#pending;
    this.#pending = null;
    clearTimeout(this.#timer);
    if (!pending) return;
    this.close();
    pending.reject(err);
  }
}
