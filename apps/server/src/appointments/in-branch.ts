import { BlockList, isIPv4 } from 'node:net';

/**
 * Whether a phone is in the branch: its address, as the server's TCP peer (Express `trust proxy` is off, so no
 * header can claim one), lies in one of the branch's customer Wi-Fi ranges (`appointments.checkIn.phoneNetworks`).
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is read as IPv4. No range configured: nobody is.
 */
export function isInBranch(address: string | undefined, networks: readonly string[]): boolean {
  if (!address || networks.length === 0) return false;
  const list = new BlockList();
  for (const network of networks) {
    const slash = network.lastIndexOf('/');
    const base = network.slice(0, slash);
    list.addSubnet(base, Number(network.slice(slash + 1)), isIPv4(base) ? 'ipv4' : 'ipv6');
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return list.check(mapped, 'ipv4');
  return list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}
