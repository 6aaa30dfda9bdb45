import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces } from 'node:os';
import { z } from 'zod';

/**
 * Which names the server answers to. A page on evil.example whose DNS name is re-pointed at the branch
 * server's address (DNS rebinding) is same-origin with itself, so the origin check lets it through; its
 * requests still carry `Host: evil.example`, and that is what this refuses.
 *
 * The list is configuration (`--allowed-hosts`, RINDA_ALLOWED_HOSTS). `auto` stands for the machine's own
 * names: every interface address, its host name, localhost, 127.0.0.1 and ::1; the branch's `publicUrl`
 * host is allowed as well, read live, as a manager may change it.
 */
export const AUTO_HOSTS = 'auto';

/** One entry: a DNS name or an IP address, without port or scheme; `auto` for the machine's own names. */
const HostEntry = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, ''))
  .refine((s) => s === AUTO_HOSTS || isIP(s) !== 0 || /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/.test(s), {
    message: 'each allowed host is a name (branch.example), an IP address or "auto", without scheme or port',
  });

/** `--allowed-hosts auto,branch.example` → the entries, checked; throws a ZodError naming a bad one. */
export const AllowedHostsList = z
  .string()
  .transform((s) => s.split(',').map((e) => e.trim()).filter((e) => e.length > 0))
  .pipe(z.array(HostEntry).min(1, 'give at least one host, or "auto"'));

export interface HostPolicyOptions {
  /** Entries as AllowedHostsList gives them (default: ['auto']). */
  entries?: readonly string[];
  /** The branch's publicUrl right now (it can change while the server runs). */
  publicUrl?: () => string | undefined;
  /** The machine's own names; a stand-in in tests. */
  machineNames?: () => string[];
  clock?: () => number;
}

export interface HostPolicy {
  /** Whether a request's Host header names this server. */
  allows(hostHeader: string | undefined): boolean;
}

/** How often the machine's addresses may be read again when a Host is not known (a new DHCP lease). */
const REFRESH_AFTER_MS = 10_000;

export function createHostPolicy(options: HostPolicyOptions = {}): HostPolicy {
  const entries = new Set(options.entries ?? [AUTO_HOSTS]);
  const useMachine = entries.delete(AUTO_HOSTS);
  const machineNames = options.machineNames ?? ownMachineNames;
  const clock = options.clock ?? Date.now;
  let machine = new Set<string>();
  let readAt = -Infinity;
  const refreshMachine = () => {
    machine = new Set(machineNames().map(normaliseHost));
    readAt = clock();
  };
  if (useMachine) refreshMachine();

  return {
    allows(hostHeader) {
      const host = hostOfHeader(hostHeader);
      if (host === null) return false;
      if (entries.has(host)) return true;
      const publicUrl = options.publicUrl?.();
      if (publicUrl && publicHost(publicUrl) === host) return true;
      if (!useMachine) return false;
      if (machine.has(host)) return true;
      // An address the machine gained since it was last read; at most one read per interval, so a flood of
      // foreign Host headers costs nothing.
      if (clock() - readAt < REFRESH_AFTER_MS) return false;
      refreshMachine();
      return machine.has(host);
    },
  };
}

/** The machine's own names: interface addresses (IPv6 without zone), its host name, and loopback. */
export function ownMachineNames(): string[] {
  const names = ['localhost', '127.0.0.1', '::1', osHostname()];
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) names.push(address.address.replace(/%.*$/, ''));
  }
  return names;
}

/** `Host: Branch.Example:8443` → `branch.example`; `[::1]:8443` → `::1`; null when absent or malformed. */
export function hostOfHeader(header: string | undefined): string | null {
  if (!header) return null;
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const plain = /^([a-z0-9_.-]+)(?::\d{1,5})?$/.exec(value);
  return plain ? normaliseHost(plain[1]!) : null;
}

function normaliseHost(name: string): string {
  return name.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function publicHost(publicUrl: string): string | null {
  try {
    return normaliseHost(new URL(publicUrl).hostname);
  } catch {
    return null;
  }
}
