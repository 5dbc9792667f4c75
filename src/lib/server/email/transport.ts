/**
 * The one place that knows how a letter leaves the machine. In 'smtp' mode a nodemailer SMTP
 * transport sends it through SMTP_URL; in 'mailbox' mode (the embedded default) nothing is sent:
 * the letter stays in app_private.outbound_emails with status 'stored' and /dev/mailbox shows it.
 */
import nodemailer from 'nodemailer';
import { config } from '../config.ts';
import type { EmailAttachment } from './enqueue.ts';

/** The columns of app_private.outbound_emails a transport needs. */
export interface OutboundEmail {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** Extra headers (List-Unsubscribe of alerts); absent for most letters. */
  headers?: Record<string, string> | null;
  /** Files sent with the letter (content in base64); absent or empty for most letters. */
  attachments?: EmailAttachment[] | null;
}

export type DeliveryStatus = 'sent' | 'stored';

export interface MailTransport {
  readonly mode: 'smtp' | 'mailbox';
  /** Sends (or keeps) the letter; rejects when the SMTP server does not accept it. */
  deliver(email: OutboundEmail): Promise<DeliveryStatus>;
  /** Whether letters can be delivered now (SMTP: the server answers and accepts our login). */
  verify(timeoutMs?: number): Promise<boolean>;
  close(): void;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: нет ответа за ${ms} мс`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** An SMTP transport for `smtp://user:password@host:587` or `smtps://…:465`. */
export function createTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    mode: 'smtp',
    async deliver(email) {
      await transporter.sendMail({
        from,
        to: email.to_address,
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        headers: { ...email.headers, 'X-Outbound-Email-Id': email.id },
        attachments: (email.attachments ?? []).map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: Buffer.from(file.content, 'base64'),
        })),
      });
      return 'sent';
    },
    async verify(timeoutMs = 3000) {
      try {
        return await withTimeout(transporter.verify(), timeoutMs, 'SMTP');
      } catch {
        return false;
      }
    },
    close: () => transporter.close(),
  };
}

/** Keeps every letter in the database only: nothing leaves the machine. */
export function createMailboxTransport(): MailTransport {
  return {
    mode: 'mailbox',
    deliver: async () => 'stored',
    verify: async () => true,
    close: () => {},
  };
}

let cached: MailTransport | undefined;

/** The transport the configuration asks for, created once per process. */
export function defaultTransport(): MailTransport {
  if (!cached) {
    const { mailMode, smtpUrl, mailFrom } = config();
    cached = mailMode === 'smtp' && smtpUrl ? createTransport(smtpUrl, mailFrom) : createMailboxTransport();
  }
  return cached;
}

/** Delivers one outbox row: 'sent' over SMTP, 'stored' in mailbox mode. */
export function deliver(email: OutboundEmail, transport = defaultTransport()): Promise<DeliveryStatus> {
  return transport.deliver(email);
}

/** For /healthz: can letters go out now? Always true in mailbox mode. */
export function mailReady(transport = defaultTransport()): Promise<boolean> {
  return transport.verify(3000);
}
