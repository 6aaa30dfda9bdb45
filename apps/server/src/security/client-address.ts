import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';

/**
 * The key a client's guesses are counted under: its TCP peer address (Express `trust proxy` is off, so a
 * client cannot forge it), an IPv4-mapped IPv6 address as plain IPv4, and an IPv6 address by its /64
 * prefix, since one machine can choose any address in its /64 and would otherwise escape the count.
 */
export function clientAddressKey(req: Request): string {
  return addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address ("fe80::1" → fe80,0,0,0,0,0,0,1), zone id dropped. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((g) => (parseInt(g, 16) || 0).toString(16));
}
