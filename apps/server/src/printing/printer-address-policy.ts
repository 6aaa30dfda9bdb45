import { lookup as dnsLookup } from 'node:dns/promises';
import { lstat } from 'node:fs/promises';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { PrinterTargetUrl, type PrinterTarget } from '@rinda/hardware';

/**
 * Which printer addresses the server will use. A manager types a kiosk's printer address; without limits
 * that would let them make the server write to any file (`file:/srv/rinda/rinda.sqlite`) or open a TCP
 * connection to any host and port (the database of the next machine, or a service on the server itself).
 * So: `file:` only for printer character devices, `tcp://` only on the ports the server's own configuration
 * allows and never on loopback unless the server runs the demo, whose virtual printer lives there.
 */
export interface PrinterAddressPolicy {
  /** TCP ports a network printer may use (`--printer-ports`, RINDA_PRINTER_PORTS). */
  tcpPorts: readonly PortRange[];
  /** Loopback (and unspecified) addresses: only `--demo`'s virtual printer lives there. */
  allowLoopback: boolean;
}

export interface PortRange {
  from: number;
  to: number;
}

/** Raw (JetDirect) printing listens on 9100; print servers with several ports use the next ones. */
export const DEFAULT_PRINTER_PORTS: readonly PortRange[] = [{ from: 9100, to: 9109 }];

export const DEFAULT_PRINTER_ADDRESS_POLICY: PrinterAddressPolicy = { tcpPorts: DEFAULT_PRINTER_PORTS, allowLoopback: false };

/** Printer device files: USB printers (usblp) and parallel ports, as Linux names them. */
const DEVICE_PATHS = [/^\/dev\/usb\/lp\d{1,3}$/, /^\/dev\/lp\d{1,3}$/];
const DEVICE_PATHS_TEXT = '/dev/usb/lpN or /dev/lpN';

const PortRangeText = z
  .string()
  .trim()
  .regex(/^\d{1,5}(-\d{1,5})?$/, 'a port (9100) or a range (9100-9109)')
  .transform((s): PortRange => {
    const [from, to = from] = s.split('-').map(Number);
    return { from: from!, to: to! };
  })
  .refine((r) => r.from >= 1 && r.to <= 65535, 'ports go from 1 to 65535')
  .refine((r) => r.from <= r.to, 'a range goes from the lower port to the higher');

/** `--printer-ports 9100-9109,9200` → the ranges; a ZodError names a bad entry. */
export const PrinterPortsList = z
  .string()
  .transform((s) => s.split(',').filter((e) => e.trim().length > 0))
  .pipe(z.array(PortRangeText).min(1, 'give at least one port or range'));

export function describePorts(ranges: readonly PortRange[]): string {
  return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`)).join(', ');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addSubnet('0.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addAddress('::', 'ipv6');

/** An IP address that reaches this machine itself (IPv4-mapped IPv6 included); false for a name. */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Names that always mean this machine (RFC 6761), refused without asking DNS. */
function isLoopbackName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * What the address says on its face, before asking the machine: the reason it is refused, or null.
 * Enough to refuse most bad addresses at once; `admitPrinterTarget` adds what only the machine knows.
 */
export function refusalOf(target: PrinterTarget, policy: PrinterAddressPolicy): string | null {
  switch (target.kind) {
    case 'file':
      return DEVICE_PATHS.some((p) => p.test(target.path)) ? null : `a file: printer must be a printer device (${DEVICE_PATHS_TEXT}), not ${target.path}`;
    case 'tcp':
      if (!policy.tcpPorts.some((r) => target.port >= r.from && target.port <= r.to))
        return `printer port ${target.port} is not allowed (allowed: ${describePorts(policy.tcpPorts)}; the server's --printer-ports)`;
      if (!policy.allowLoopback && (isLoopbackName(target.host) || isLoopbackAddress(target.host))) return loopbackRefusal(target.host);
      return null;
    case 'printer':
      // A CUPS queue: only the printers the machine's administrator set up; no file, no host chosen here.
      return null;
  }
}

function loopbackRefusal(host: string): string {
  return `printer address ${host} is this server itself (loopback); only the demo (--demo) prints there`;
}

export type Admission = { ok: true; target: PrinterTarget } | { ok: false; reason: string };

export interface AdmitOptions {
  /**
   * At print time the printer must be there: the device file must exist, the name must resolve. When a
   * manager saves an address the printer may not be plugged in yet, so only what exists is checked.
   */
  requirePresent: boolean;
  /** How long a DNS lookup may take (default 2 s). */
  lookupTimeoutMs?: number;
}

export interface MachineFacts {
  lookup(host: string): Promise<string[]>;
  /** 'char' for a character device, 'other' for anything else (a symlink too), 'missing' when absent. */
  fileKind(path: string): Promise<'char' | 'other' | 'missing'>;
}

export const realMachine: MachineFacts = {
  async lookup(host) {
    const addresses = await dnsLookup(host, { all: true, verbatim: true });
    return addresses.map((a) => a.address);
  },
  async fileKind(path) {
    try {
      const stat = await lstat(path);
      return stat.isCharacterDevice() ? 'char' : 'other';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
  },
};

/**
 * The whole check: the address on its face, then the machine. A device file must be a character device
 * (not a symlink to one: a link could be re-pointed). A host name must not resolve to loopback; the target
 * returned carries the address it resolved to, so the connection goes where the check looked and a second
 * DNS answer (rebinding) cannot send it elsewhere.
 */
export async function admitPrinterTarget(target: PrinterTarget, policy: PrinterAddressPolicy, options: AdmitOptions, machine: MachineFacts = realMachine): Promise<Admission> {
  const refused = refusalOf(target, policy);
  if (refused) return { ok: false, reason: refused };
  if (target.kind === 'file') {
    const kind = await machine.fileKind(target.path).catch(() => 'other' as const);
    if (kind === 'char' || (kind === 'missing' && !options.requirePresent)) return { ok: true, target };
    return { ok: false, reason: kind === 'missing' ? `printer device ${target.path} is not there (unplugged?)` : `${target.path} is not a printer device (character device)` };
  }
  if (target.kind !== 'tcp' || isIP(target.host) !== 0) return { ok: true, target };
  const addresses = await withTimeout(machine.lookup(target.host), options.lookupTimeoutMs ?? 2000).catch(() => null);
  if (!addresses || addresses.length === 0) {
    return options.requirePresent ? { ok: false, reason: `printer host ${target.host} cannot be resolved` } : { ok: true, target };
  }
  if (!policy.allowLoopback && addresses.some(isLoopbackAddress)) return { ok: false, reason: loopbackRefusal(target.host) };
  return { ok: true, target: { ...target, host: addresses[0]! } };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** When a manager saves an address: why it is refused, or null. The printer need not be plugged in yet. */
export async function printerAddressRefusal(url: string, policy: PrinterAddressPolicy, machine: MachineFacts = realMachine): Promise<string | null> {
  const parsed = PrinterTargetUrl.safeParse(url);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'not a printer address';
  const admitted = await admitPrinterTarget(parsed.data, policy, { requirePresent: false }, machine);
  return admitted.ok ? null : admitted.reason;
}
