import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, mayReadDevMailbox } from '../../src/lib/server/dev-mailbox-access.ts';

describe('isLoopbackAddress', () => {
  it('is true for 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
  });

  it('is false for other addresses, this machine’s own included, and for what is not an address', () => {
    for (const address of [
      '192.0.2.2',
      '10.0.0.7',
      '::ffff:192.0.2.2',
      'fd00::2',
      '0.0.0.0',
      '::',
      '',
      'localhost',
      '127.0.0.1, 10.0.0.7',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });
});

describe('mayReadDevMailbox', () => {
  it('lets a loopback client or a signed-in administrator in, nobody else', () => {
    expect(mayReadDevMailbox({ enabled: true, clientAddress: '127.0.0.1', isAdministrator: false })).toBe(
      true,
    );
    expect(mayReadDevMailbox({ enabled: true, clientAddress: '192.0.2.2', isAdministrator: true })).toBe(
      true,
    );
    expect(mayReadDevMailbox({ enabled: true, clientAddress: '192.0.2.2', isAdministrator: false })).toBe(
      false,
    );
  });

  it('lets nobody in when the mailbox is off (SMTP, or NODE_ENV=production)', () => {
    expect(mayReadDevMailbox({ enabled: false, clientAddress: '127.0.0.1', isAdministrator: true })).toBe(
      false,
    );
  });
});
