import type { RequestEvent } from '@sveltejs/kit';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  headers: Headers;
}

export function requestMeta(event: Pick<RequestEvent, 'getClientAddress' | 'request'>): RequestMeta {
  let ip: string | null;
  try {
    ip = event.getClientAddress();
  } catch {
    ip = null; // not every adapter knows the client's address
  }
  return { ip, userAgent: event.request.headers.get('user-agent'), headers: event.request.headers };
}
