import { isIP } from 'node:net';

/**
 * The header through which better-auth learns the client's address (its option
 * `advanced.ipAddress.ipAddressHeaders`). The app sets it itself from `clientAddress` on every
 * request it hands to better-auth, and drops whatever the client sent under that name, so
 * better-auth never reads a client-supplied X-Forwarded-For.
 */
export const CLIENT_ADDRESS_HEADER = 'x-kp-client-address';

/**
 * Who sent the request, as far as the app can know it.
 *
 * `socketAddress` is the peer of the TCP connection (SvelteKit's `getClientAddress()` with
 * adapter-node's ADDRESS_HEADER unset, and the same under `vite dev`). With no proxies of ours in
 * front (`trustedProxyCount` 0) that is the client, and X-Forwarded-For is ignored: anyone can write
 * anything in it.
 *
 * Behind N proxies of ours the socket is the last proxy, and each proxy appended the address it
 * received the request from to X-Forwarded-For. So the N-th entry from the right was written by our
 * outermost proxy and is the client; everything to its left came from the client and is not
 * believed. (adapter-node's XFF_DEPTH means the same; we apply it here so that one rule holds in the
 * built app, under `vite dev` and in tests.) When the header has fewer entries than that, or the
 * entry is not an address, the request did not pass through all our proxies: the socket's address
 * is used, never a claimed one.
 */
export function clientAddress(
  socketAddress: string | null,
  forwardedFor: string | null,
  trustedProxyCount: number,
): string | null {
  const socket = socketAddress ? normalizeAddress(socketAddress) : null;
  if (trustedProxyCount <= 0) return socket;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const claimed = hops.length >= trustedProxyCount ? hops[hops.length - trustedProxyCount] : undefined;
  return (claimed && normalizeAddress(claimed)) || socket;
}

/**
 * An address in one spelling: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) as IPv4, IPv6 lower-case,
 * a port some proxies add (`10.0.0.1:5123`, `[2001:db8::1]:443`) removed. Null when it is not an
 * IP address at all.
 */
export function normalizeAddress(raw: string): string | null {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return address.toLowerCase();
  return null;
}

/**
 * The key under which an address is rate-limited: IPv4 as is; IPv6 by its /64, since one home or
 * phone gets a whole /64 and could otherwise take a fresh address for every attempt.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
