import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { AppContext } from '../app-context';

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Where the server listens, as http.Server.address() says (null before it listens). */
export interface Listening {
  address: string;
  port: number;
}

/** localhost, 127.0.0.0/8, ::1 and ::ffff:127.x: names a phone would resolve to itself. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^(::ffff:)?127\./.test(host);
}

const isWildcard = (address: string) => address === '0.0.0.0' || address === '::';

/**
 * The machine's address a phone on the LAN can open: the first non-internal IPv4 address that is not
 * link-local (169.254/16), else such an IPv6 one (fe80::/10 left out). null: the machine only has loopback.
 */
export function lanAddress(interfaces: Interfaces): string | null {
  const all = Object.values(interfaces).flatMap((list) => list ?? []).filter((i) => !i.internal);
  const v4 = all.find((i) => i.family === 'IPv4' && !i.address.startsWith('169.254.'));
  if (v4) return v4.address;
  const v6 = all.find((i) => i.family === 'IPv6' && !/^fe[89ab]/i.test(i.address));
  return v6 ? v6.address : null;
}

/**
 * The origin a ticket's QR code and status address use when the configuration has no publicUrl:
 * - the Host the kiosk reached the server by, when it is not a loopback name: the kiosk is another machine
 *   on the LAN, which that address reaches;
 * - else (the kiosk runs on the server's machine) the address the server listens on, or, when it listens on
 *   every interface, the machine's LAN address;
 * - loopback only when the server listens on nothing else (start-up warns: see loopbackOnlyWarning).
 */
export function chooseStatusOrigin(input: { requestHost: string | undefined; secure: boolean; listening: Listening | null; interfaces: () => Interfaces }): string {
  const scheme = input.secure ? 'https' : 'http';
  const requestHost = input.requestHost ?? 'localhost';
  const hostname = hostnameOf(requestHost);
  if (hostname === null || !isLoopbackHost(hostname)) return `${scheme}://${requestHost}`;
  const listening = input.listening;
  if (!listening) return `${scheme}://${requestHost}`;
  const address = isWildcard(listening.address) ? lanAddress(input.interfaces()) : isLoopbackHost(listening.address) ? null : listening.address;
  if (!address) return `${scheme}://${requestHost}`;
  return `${scheme}://${isIP(address) === 6 ? `[${address}]` : address}:${listening.port}`;
}

function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/** Null when a phone can reach the server; otherwise why ticket QR codes will hold a loopback address. */
export function loopbackOnlyWarning(input: { publicUrl: string | undefined; listening: Listening | null; interfaces: Interfaces }): string | null {
  if (input.publicUrl || !input.listening) return null;
  const { address } = input.listening;
  if (isWildcard(address) && lanAddress(input.interfaces)) return null;
  if (!isWildcard(address) && !isLoopbackHost(address)) return null;
  return isWildcard(address)
    ? 'this machine has no network address but loopback: ticket QR codes will hold an address phones cannot open; connect it to the LAN or set branch.publicUrl'
    : `the server listens on ${address} only: ticket QR codes will hold an address phones cannot open; listen on the LAN (--host) or set branch.publicUrl`;
}

/**
 * Where each server listens, once it does: a server listens once, on one address and port, for its whole life,
 * and asking the socket (getsockname) for every ticket's status address was about 1 % of the issue path's time.
 */
const listeningByServer = new WeakMap<object, Listening>();

export function listeningOf(ctx: AppContext): Listening | null {
  const server = ctx.io.httpServer;
  const known = listeningByServer.get(server);
  if (known) return known;
  const address = server.address();
  if (!address || typeof address !== 'object') return null;
  const listening = { address: address.address, port: address.port };
  listeningByServer.set(server, listening);
  return listening;
}

/** chooseStatusOrigin for a socket of this server, with the machine's interfaces as they are now. */
export function statusOrigin(ctx: AppContext, requestHost: string | undefined, secure: boolean): string {
  return chooseStatusOrigin({ requestHost, secure, listening: listeningOf(ctx), interfaces: networkInterfaces });
}
