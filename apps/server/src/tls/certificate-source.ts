import { hostname } from 'node:os';
import { ownMachineNames } from '../security/allowed-hosts';
import type { NetworkOptions } from '../network-options';
import { ensureSelfSignedCertificate } from './self-signed';
import { keyReadableByOthers, loadServerCertificate, type ServerCertificate } from './server-certificate';

/** Within this many days of expiry the start-up lines warn. */
const EXPIRY_WARNING_DAYS = 30;

export type StartCertificate = ServerCertificate & { created: boolean };

/**
 * The certificate the options ask for: the operator's files, or the server's own in the data directory
 * (made on first run, naming the machine's host name and addresses and `extraNames`). Null when TLS is off.
 */
export async function certificateFor(tls: NetworkOptions['tls'], dataDir: string, extraNames: readonly string[] = []): Promise<StartCertificate | null> {
  switch (tls.mode) {
    case 'off':
      return null;
    case 'provided':
      return { ...loadServerCertificate(tls.certPath, tls.keyPath, false), created: false };
    case 'self-signed':
      // The name people use first: it becomes the certificate's common name.
      return ensureSelfSignedCertificate(dataDir, { names: [...extraNames, hostname(), ...ownMachineNames()] });
  }
}

/** The start-up lines about the certificate: where it is, its fingerprint, and anything to fix. */
export function describeCertificate(certificate: StartCertificate, now: number): string[] {
  const origin = certificate.selfSigned ? `self-signed${certificate.created ? ', made now' : ''}` : 'given';
  const lines = [`  tls:     ${certificate.certPath} (${origin}), valid until ${new Date(certificate.validTo).toISOString().slice(0, 10)}`, `  sha-256: ${certificate.fingerprint}`];
  const daysLeft = Math.floor((certificate.validTo - now) / 86_400_000);
  if (daysLeft < 0) lines.push(`  WARNING: the certificate expired ${-daysLeft} days ago: browsers refuse it; renew it (docs/OPERATIONS.md)`);
  else if (daysLeft < EXPIRY_WARNING_DAYS) lines.push(`  WARNING: the certificate expires in ${daysLeft} days: renew it (docs/OPERATIONS.md)`);
  if (keyReadableByOthers(certificate.keyPath)) lines.push(`  WARNING: ${certificate.keyPath} can be read by other users: chmod 600 it`);
  return lines;
}
