import { BlockList, isIPv6 } from 'node:net';
import { error, type RequestEvent } from '@sveltejs/kit';
import { config } from './config.ts';

/** 127.0.0.0/8 and ::1; BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1). */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopbackAddress(address: string): boolean {
  const ip = address.trim();
  if (!ip) return false;
  try {
    return LOOPBACK.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
  } catch {
    return false; // not an IP address at all
  }
}

/**
 * The development mailbox shows every stored letter, verification and password-reset links (an
 * administrator's included) among them. It exists only when the app keeps mail in the database
 * (no SMTP_URL, started by the embedded launcher) and never with NODE_ENV=production; even then only
 * a client on this machine's loopback, or a signed-in administrator, may read it.
 */
export function mayReadDevMailbox(who: {
  enabled: boolean;
  clientAddress: string;
  isAdministrator: boolean;
}): boolean {
  return who.enabled && (who.isAdministrator || isLoopbackAddress(who.clientAddress));
}

/**
 * The guard of the mailbox pages: 404 to everyone else, as if the page did not exist. The client
 * address is SvelteKit's (adapter-node: the socket's peer unless the deployment configures a proxy
 * header); X-Forwarded-For is not read here.
 */
export function requireDevMailbox(event: Pick<RequestEvent, 'getClientAddress' | 'locals'>): void {
  const allowed = mayReadDevMailbox({
    enabled: config().devMailbox,
    clientAddress: event.getClientAddress(),
    isAdministrator: event.locals.person?.role === 'administrator',
  });
  if (!allowed) error(404, 'Страница не найдена');
}
