import { describe, expect, it } from 'vitest';
import { AppointmentSettings } from '@rinda/shared';
import { isInBranch } from './in-branch';

describe('a phone in the branch', () => {
  const wifi = ['192.168.50.0/24', 'fd12:3456:789a::/48'];

  it("is one whose address lies in one of the branch's Wi-Fi ranges, IPv4, IPv4-mapped or IPv6", () => {
    expect(isInBranch('192.168.50.17', wifi)).toBe(true);
    expect(isInBranch('::ffff:192.168.50.200', wifi)).toBe(true);
    expect(isInBranch('fd12:3456:789a:1::42', wifi)).toBe(true);
  });

  it('is not one outside every range, without an address, or anywhere when no range is configured', () => {
    expect(isInBranch('192.168.51.17', wifi)).toBe(false);
    expect(isInBranch('::ffff:10.0.0.1', wifi)).toBe(false);
    expect(isInBranch('fd12:3456:789b::1', wifi)).toBe(false);
    expect(isInBranch(undefined, wifi)).toBe(false);
    expect(isInBranch('192.168.50.17', [])).toBe(false);
  });

  it('refuses in the configuration a range that is not one, or so wide it would take in the whole internet', () => {
    for (const phoneNetworks of [['192.168.50.0'], ['0.0.0.0/0'], ['10.0.0.0/7'], ['::/0'], ['2001::/16'], ['wifi']])
      expect(AppointmentSettings.safeParse({ checkIn: { earlyMin: 30, graceMin: 10, phoneNetworks } }).success, phoneNetworks[0]).toBe(false);
    expect(AppointmentSettings.parse({ checkIn: { earlyMin: 30, graceMin: 10, phoneNetworks: wifi } }).checkIn.phoneNetworks).toEqual(wifi);
  });
});
