import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address';

describe('the address guesses are counted under', () => {
  it('is the IPv4 address, also when it arrives IPv4-mapped', () => {
    expect(addressKey('127.0.0.2')).toBe('127.0.0.2');
    expect(addressKey('::ffff:127.0.0.2')).toBe('127.0.0.2');
  });

  it('is the /64 prefix of an IPv6 address, so one machine choosing new addresses in its prefix stays one key', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
