import type { RequestEvent } from '@sveltejs/kit';
import { CLIENT_ADDRESS_HEADER, clientAddress } from '../client-address.ts';
import { config } from '../config.ts';

export interface RequestMeta {
  /** The client's address (client-address.ts: X-Forwarded-For only through TRUSTED_PROXY_COUNT proxies). */
  ip: string | null;
  userAgent: string | null;
  /** The request's headers for better-auth's server API: its client address is `ip`, nothing claimed. */
  headers: Headers;
}

export function requestMeta(
  event: Pick<RequestEvent, 'getClientAddress' | 'request'>,
  trustedProxyCount = config().trustedProxyCount,
): RequestMeta {
  let socket: string | null;
  try {
    socket = event.getClientAddress();
  } catch {
    socket = null; // not every adapter knows the client's address
  }
  const ip = clientAddress(socket, event.request.headers.get('x-forwarded-for'), trustedProxyCount);
  return {
    ip,
    userAgent: event.request.headers.get('user-agent'),
    headers: headersForAuth(event.request.headers, ip),
  };
}

/** A copy of the headers that tells better-auth the client's address and nothing a client claimed. */
export function headersForAuth(original: Headers, ip: string | null): Headers {
  const headers = new Headers(original);
  headers.delete('x-forwarded-for');
  headers.delete('x-real-ip');
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (ip) headers.set(CLIENT_ADDRESS_HEADER, ip);
  return headers;
}
