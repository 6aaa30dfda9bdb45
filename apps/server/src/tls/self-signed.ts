import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { loadServerCertificate, TlsSetupError, type ServerCertificate } from './server-certificate';

/** Where the server keeps the certificate it made, inside its data directory. */
export const SELF_SIGNED_DIR = 'tls';
export const SELF_SIGNED_CERT = 'server.crt';
export const SELF_SIGNED_KEY = 'server.key';

/**
 * Long, because renewing it changes the fingerprint every pinned shell and every browser that accepted it
 * knows: the certificate is trusted by its fingerprint, not by a CA, so a short life buys nothing
 * (docs/OPERATIONS.md, "Certificates").
 */
export const SELF_SIGNED_VALID_DAYS = 3650;

export interface SelfSignedOptions {
  /** Host names and IP addresses the certificate names (subjectAltName); the first is its common name. */
  names: readonly string[];
  now?: () => number;
}

/**
 * The server's own certificate: made on first run (EC P-256, SHA-256, key 0600 in a 0700 directory) and kept,
 * so its fingerprint stays the one devices were paired with. `created` says whether it was just made.
 */
export async function ensureSelfSignedCertificate(dataDir: string, options: SelfSignedOptions): Promise<ServerCertificate & { created: boolean }> {
  const dir = join(dataDir, SELF_SIGNED_DIR);
  const certPath = join(dir, SELF_SIGNED_CERT);
  const keyPath = join(dir, SELF_SIGNED_KEY);
  const hasCert = existsSync(certPath);
  const hasKey = existsSync(keyPath);
  if (hasCert && hasKey) return { ...loadServerCertificate(certPath, keyPath, true), created: false };
  if (hasCert !== hasKey)
    throw new TlsSetupError(`${dir} holds only ${hasCert ? SELF_SIGNED_CERT : SELF_SIGNED_KEY}: move it away (both go together) and start again to make a new certificate`);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const now = options.now?.() ?? Date.now();
  const names = [...new Set(options.names.map((n) => n.toLowerCase()))];
  const pems = await generate([{ name: 'commonName', value: names.find((n) => isIP(n) === 0) ?? 'rinda-branch-server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // A little in the past: a device whose clock runs behind must not see a certificate from the future.
    notBeforeDate: new Date(now - 24 * 3600_000),
    notAfterDate: new Date(now + SELF_SIGNED_VALID_DAYS * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) === 0 ? { type: 2 as const, value: n } : { type: 7 as const, ip: n })) },
    ],
  });
  // Written beside, then renamed: a crash leaves no half-written file under the real name.
  writeFileSync(`${keyPath}.new`, pems.private, { mode: 0o600 });
  chmodSync(`${keyPath}.new`, 0o600);
  writeFileSync(`${certPath}.new`, pems.cert, { mode: 0o644 });
  renameSync(`${keyPath}.new`, keyPath);
  renameSync(`${certPath}.new`, certPath);
  return { ...loadServerCertificate(certPath, keyPath, true), created: true };
}
