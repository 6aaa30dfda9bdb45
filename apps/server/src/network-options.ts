import { z } from 'zod';
import { AllowedHostsList, AUTO_HOSTS } from './security/allowed-hosts';
import { DEFAULT_PRINTER_PORTS, PrinterPortsList, type PrinterAddressPolicy } from './printing/printer-address-policy';

/**
 * The server's network options from its flags and environment (README, "Configuration"): TLS, ports,
 * the host names it answers to and the printer addresses it may use. Flags win over the environment.
 *
 * Defaults: a real branch speaks HTTPS on 8443 with a certificate it makes itself on first run, and plain
 * HTTP on 8080 only redirects there. `--demo` stays plain HTTP on 8080 (a newcomer's `npm start` opens
 * without a certificate warning) unless `--tls` is given. `--no-tls` is for a reverse proxy that
 * terminates TLS in front of the server.
 */
export interface NetworkOptions {
  tls: { mode: 'off' } | { mode: 'self-signed' } | { mode: 'provided'; certPath: string; keyPath: string };
  /** HTTPS (or, TLS off, HTTP) and socket.io. */
  port: number;
  /** Plain HTTP that only redirects to HTTPS; null: none (TLS off, or `--redirect-port off`). */
  redirectPort: number | null;
  allowedHosts: string[];
  printerAddresses: PrinterAddressPolicy;
}

/** The parseArgs options this module reads; main.ts spreads them into its own. */
export const NETWORK_FLAGS = {
  port: { type: 'string' },
  tls: { type: 'boolean' },
  'no-tls': { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'redirect-port': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'printer-ports': { type: 'string' },
} as const;

export const NETWORK_USAGE = `[--port 8443|8080] [--tls | --no-tls] [--tls-cert cert.pem --tls-key key.pem] [--redirect-port 8080|off]
  [--allowed-hosts auto,branch.example] [--printer-ports 9100-9109]
Environment: RINDA_PORT, RINDA_TLS (on|off), RINDA_TLS_CERT, RINDA_TLS_KEY, RINDA_REDIRECT_PORT, RINDA_ALLOWED_HOSTS, RINDA_PRINTER_PORTS.`;

export const DEFAULT_HTTPS_PORT = 8443;
export const DEFAULT_HTTP_PORT = 8080;

const Port = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
  .transform(Number)
  .pipe(z.number().max(65535, 'must be a port number from 0 to 65535'));
const Path = z.string().trim().min(1);

const Inputs = z.object({
  demo: z.boolean(),
  tls: z.boolean().optional(),
  noTls: z.boolean().optional(),
  envTls: z.enum(['on', 'off'], { message: 'RINDA_TLS must be "on" or "off"' }).optional(),
  certPath: Path.optional(),
  keyPath: Path.optional(),
  port: Port.optional(),
  redirectPort: z.union([z.literal('off'), Port], { message: '--redirect-port must be a port number or "off"' }).optional(),
  allowedHosts: AllowedHostsList.optional(),
  printerPorts: PrinterPortsList.optional(),
});

type Flags = Partial<Record<keyof typeof NETWORK_FLAGS, string | boolean | undefined>>;

/** Parses and cross-checks; a refusal names the flag (or variable) and what is wrong with it. */
export function parseNetworkOptions(flags: Flags, env: Record<string, string | undefined>, demo: boolean): { ok: true; options: NetworkOptions } | { ok: false; message: string } {
  const pick = (flag: keyof typeof NETWORK_FLAGS, variable?: string) => {
    const value = flags[flag];
    return value === undefined && variable ? env[variable] || undefined : value;
  };
  const parsed = Inputs.safeParse({
    demo,
    tls: flags.tls,
    noTls: flags['no-tls'],
    envTls: env.RINDA_TLS?.trim().toLowerCase() || undefined,
    certPath: pick('tls-cert', 'RINDA_TLS_CERT'),
    keyPath: pick('tls-key', 'RINDA_TLS_KEY'),
    port: pick('port', 'RINDA_PORT'),
    redirectPort: pick('redirect-port', 'RINDA_REDIRECT_PORT'),
    allowedHosts: pick('allowed-hosts', 'RINDA_ALLOWED_HOSTS'),
    printerPorts: pick('printer-ports', 'RINDA_PRINTER_PORTS'),
  });
  if (!parsed.success) return { ok: false, message: describe(parsed.error) };
  const input = parsed.data;

  if (input.tls && input.noTls) return { ok: false, message: '--tls and --no-tls contradict each other: give one' };
  if ((input.certPath === undefined) !== (input.keyPath === undefined))
    return { ok: false, message: 'a TLS certificate and its key go together: give both --tls-cert and --tls-key (or RINDA_TLS_CERT and RINDA_TLS_KEY)' };
  const hasCertificate = input.certPath !== undefined;
  const tlsOn = input.tls ? true : input.noTls ? false : input.envTls ? input.envTls === 'on' : hasCertificate || !demo;
  if (!tlsOn && hasCertificate) return { ok: false, message: 'TLS is off (--no-tls or RINDA_TLS=off) but a certificate was given: drop one or the other' };
  if (!tlsOn && input.redirectPort !== undefined && input.redirectPort !== 'off')
    return { ok: false, message: '--redirect-port redirects plain HTTP to HTTPS, so it needs TLS on' };

  const port = input.port ?? (tlsOn ? DEFAULT_HTTPS_PORT : DEFAULT_HTTP_PORT);
  const redirectPort = !tlsOn || input.redirectPort === 'off' ? null : (input.redirectPort ?? DEFAULT_HTTP_PORT);
  if (redirectPort !== null && redirectPort !== 0 && redirectPort === port)
    return { ok: false, message: `the redirect port and the HTTPS port are both ${port}: give --redirect-port another port, or "off"` };

  return {
    ok: true,
    options: {
      tls: !tlsOn ? { mode: 'off' } : input.certPath && input.keyPath ? { mode: 'provided', certPath: input.certPath, keyPath: input.keyPath } : { mode: 'self-signed' },
      port,
      redirectPort,
      allowedHosts: input.allowedHosts ?? [AUTO_HOSTS],
      // The demo's virtual printer listens on 127.0.0.1; a real branch never prints to the server itself.
      printerAddresses: { tcpPorts: input.printerPorts ?? DEFAULT_PRINTER_PORTS, allowLoopback: demo },
    },
  };
}

const FLAG_OF: Record<string, string> = {
  envTls: 'RINDA_TLS',
  certPath: '--tls-cert / RINDA_TLS_CERT',
  keyPath: '--tls-key / RINDA_TLS_KEY',
  port: '--port / RINDA_PORT',
  redirectPort: '--redirect-port / RINDA_REDIRECT_PORT',
  allowedHosts: '--allowed-hosts / RINDA_ALLOWED_HOSTS',
  printerPorts: '--printer-ports / RINDA_PRINTER_PORTS',
};

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${FLAG_OF[key] ?? key}: ${issue.message}`;
    })
    .join('\n');
}
