import { describe, expect, it } from 'vitest';
import { addressBucket, clientAddress, normalizeAddress } from '../../src/lib/server/client-address.ts';
import { headersForAuth, requestMeta } from '../../src/lib/server/accounts/request-meta.ts';
import { parseTrustedProxyCount } from '../../src/lib/server/config.ts';

describe('clientAddress', () => {
  it('without proxies of ours is the socket address, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.7', null, 0)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '198.51.100.1, 198.51.100.2', 0)).toBe('203.0.113.7');
  });

  it('behind one proxy is the entry that proxy appended (the last), not what the client wrote', () => {
    // the client wrote "198.51.100.66"; our proxy appended the address it saw, 203.0.113.7
    expect(clientAddress('10.0.0.2', '198.51.100.66, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', '203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('behind two proxies is the second entry from the right', () => {
    expect(clientAddress('10.0.0.3', 'spoofed, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
  });

  it('falls back to the socket when the header is missing, too short or not an address', () => {
    expect(clientAddress('10.0.0.2', null, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.3', '203.0.113.7', 2)).toBe('10.0.0.3');
    expect(clientAddress('10.0.0.2', 'not-an-address', 1)).toBe('10.0.0.2');
  });

  it('reads addresses in their usual spellings', () => {
    expect(clientAddress('::ffff:127.0.0.1', null, 0)).toBe('127.0.0.1');
    expect(clientAddress('10.0.0.2', '203.0.113.7:51234', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', '[2001:DB8::1]:443', 1)).toBe('2001:db8::1');
    expect(normalizeAddress('nonsense')).toBeNull();
  });
});

describe('addressBucket', () => {
  it('keeps IPv4 and groups IPv6 by its /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:db8:0:1:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});

describe('requestMeta', () => {
  const event = (socket: string, headers: Record<string, string>) => ({
    getClientAddress: () => socket,
    request: new Request('http://127.0.0.1/sign-in', { method: 'POST', headers }),
  });

  it('hands better-auth the resolved address only, never the claimed one', () => {
    const meta = requestMeta(
      event('203.0.113.7', { 'x-forwarded-for': '198.51.100.1', 'x-kp-client-address': '198.51.100.2' }),
      0,
    );
    expect(meta.ip).toBe('203.0.113.7');
    expect(meta.headers.get('x-kp-client-address')).toBe('203.0.113.7');
    expect(meta.headers.get('x-forwarded-for')).toBeNull();
  });

  it('takes the client from X-Forwarded-For behind the configured proxies', () => {
    const meta = requestMeta(event('10.0.0.2', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }), 1);
    expect(meta.ip).toBe('203.0.113.7');
    expect(headersForAuth(new Headers({ 'x-real-ip': '1.1.1.1' }), null).get('x-real-ip')).toBeNull();
  });
});

describe('TRUSTED_PROXY_COUNT', () => {
  it('defaults to 0 and accepts a small integer', () => {
    expect(parseTrustedProxyCount({})).toBe(0);
    expect(parseTrustedProxyCount({ TRUSTED_PROXY_COUNT: '2' })).toBe(2);
  });

  it('refuses anything else, and adapter-node ADDRESS_HEADER beside it', () => {
    expect(() => parseTrustedProxyCount({ TRUSTED_PROXY_COUNT: '-1' })).toThrow(/TRUSTED_PROXY_COUNT/);
    expect(() => parseTrustedProxyCount({ TRUSTED_PROXY_COUNT: 'yes' })).toThrow(/TRUSTED_PROXY_COUNT/);
    expect(() => parseTrustedProxyCount({ ADDRESS_HEADER: 'X-Forwarded-For' })).toThrow(/ADDRESS_HEADER/);
  });
});
