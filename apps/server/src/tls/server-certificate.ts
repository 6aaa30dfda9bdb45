import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** The certificate the server presents, with what the start-up lines and the manager app show of it. */
export interface ServerCertificate {
  /** PEM: the server's certificate first, then any intermediates. */
  cert: string;
  /** PEM, unencrypted. */
  key: string;
  /** SHA-256 of the certificate (DER), as AB:CD:…: what browsers, `openssl x509 -fingerprint -sha256` and the shell compare. */
  fingerprint: string;
  /** Made by the server itself on first run (kept in the data directory), or given by the operator. */
  selfSigned: boolean;
  /** When it expires (ms since the epoch). */
  validTo: number;
  certPath: string;
  keyPath: string;
}

export class TlsSetupError extends Error {
  override readonly name = 'TlsSetupError';
}

/**
 * Reads and checks a certificate and its key: both parse, the key is not encrypted (a server that starts
 * on its own cannot type a passphrase) and belongs to the certificate. Each failure says which file and why.
 */
export function loadServerCertificate(certPath: string, keyPath: string, selfSigned: boolean): ServerCertificate {
  const cert = readPem(certPath, 'certificate');
  const key = readPem(keyPath, 'key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new TlsSetupError(`${certPath} is not a PEM certificate (${(error as Error).message})`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    const encrypted = /passphrase|encrypted/i.test((error as Error).message) || key.includes('ENCRYPTED');
    throw new TlsSetupError(
      encrypted
        ? `${keyPath} is encrypted: give the key unencrypted, readable only by the server's user (chmod 600)`
        : `${keyPath} is not a PEM private key (${(error as Error).message})`,
    );
  }
  if (!x509.checkPrivateKey(privateKey)) throw new TlsSetupError(`${keyPath} is not the key of the certificate ${certPath}`);
  return { cert, key, fingerprint: x509.fingerprint256, selfSigned, validTo: Date.parse(x509.validTo), certPath, keyPath };
}

/** Whether others than the owner may read the key file (meaningless on Windows, which has no mode bits). */
export function keyReadableByOthers(keyPath: string): boolean {
  if (process.platform === 'win32') return false;
  return (statSync(keyPath).mode & 0o077) !== 0;
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new TlsSetupError(`Cannot read the TLS ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
