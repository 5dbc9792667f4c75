/**
 * A real SMTP server (smtp-server) on a free loopback port for integration tests, and a minimal
 * MIME reader — enough for nodemailer's multipart/alternative output.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMessage {
  envelopeTo: string[];
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMessage[];
  close(): Promise<void>;
}

export interface StartSmtpServerOptions {
  /** Answer every RCPT TO with `550 Почтовый ящик недоступен` (the message is never accepted). */
  rejectRecipients?: boolean;
}

/** A real SMTP server on a free loopback port. */
export async function startSmtpServer({
  rejectRecipients = false,
}: StartSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!rejectRecipients) return callback();
      callback(Object.assign(new Error('Почтовый ящик недоступен'), { responseCode: 550 }));
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}

function quotedPrintable(text: string): Buffer {
  const src = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const hex = src.slice(i + 1, i + 3);
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(src[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) of a header value. */
function decodeHeader(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  let bytes: Buffer[] = [];
  let out = '';
  let last = 0;
  const flush = () => {
    out += Buffer.concat(bytes).toString('utf8');
    bytes = [];
  };
  for (const m of joined.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)) {
    if (m.index > last) {
      flush();
      out += joined.slice(last, m.index);
    }
    bytes.push(
      m[1].toUpperCase() === 'B' ? Buffer.from(m[2], 'base64') : quotedPrintable(m[2].replace(/_/g, ' ')),
    );
    last = m.index + m[0].length;
  }
  flush();
  return out + joined.slice(last);
}

function decodeBody(body: string, encoding = '7bit'): string {
  if (/quoted-printable/i.test(encoding)) return quotedPrintable(body).toString('utf8');
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMessage {
  /** Decoded top-level headers, names in lower case. */
  headers: Map<string, string>;
  /** The decoded To header. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Parts sent as attachments (Content-Disposition: attachment), decoded. */
  attachments: ParsedAttachment[];
}

function decodeBytes(body: string, encoding = '7bit'): Buffer {
  if (/quoted-printable/i.test(encoding)) return quotedPrintable(body);
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  return Buffer.from(body, 'utf8');
}

/** Walks a (possibly nested: mixed → alternative) MIME entity, collecting bodies and attachments. */
function walk(
  headers: Map<string, string>,
  body: string,
  out: { text: string; html: string; attachments: ParsedAttachment[] },
): void {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`)) {
      if (!part.includes('\r\n\r\n') || part.startsWith('--')) continue;
      const p = splitHeaders(part.replace(/^\r\n/, ''));
      walk(p.headers, p.body.replace(/\r\n$/, ''), out);
    }
    return;
  }
  const disposition = headers.get('content-disposition') ?? '';
  const encoding = headers.get('content-transfer-encoding');
  if (/^attachment/i.test(disposition)) {
    const name = /filename="?([^";]+)"?/.exec(decodeHeader(disposition))?.[1] ?? '';
    out.attachments.push({ filename: name, contentType: type, content: decodeBytes(body, encoding) });
  } else if (/^text\/plain/i.test(type)) {
    out.text = decodeBody(body, encoding);
  } else if (/^text\/html/i.test(type)) {
    out.html = decodeBody(body, encoding);
  }
}

/** The decoded headers, the text/plain and text/html parts and the attachments of a message. */
export function parseMessage(raw: string): ParsedMessage {
  const { headers, body } = splitHeaders(raw);
  const out = { text: '', html: '', attachments: [] as ParsedAttachment[] };
  walk(headers, body, out);
  const decoded = new Map([...headers].map(([k, v]) => [k, decodeHeader(v)]));
  return {
    headers: decoded,
    to: decoded.get('to') ?? '',
    subject: decoded.get('subject') ?? '',
    ...out,
  };
}
