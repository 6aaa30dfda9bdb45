import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSelfSignedCertificate, SELF_SIGNED_VALID_DAYS } from './self-signed';
import { keyReadableByOthers, loadServerCertificate, TlsSetupError } from './server-certificate';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'rinda-tls-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const names = ['branch-pc', 'localhost', '127.0.0.1', '::1', '10.0.0.5'];

describe('the self-signed certificate a branch makes on first run', () => {
  it('is made once, key 0600 in a 0700 directory, and kept: the fingerprint devices pinned stays the same', async () => {
    const made = await ensureSelfSignedCertificate(dataDir, { names });
    expect(made.created).toBe(true);
    expect(made.keyPath).toBe(join(dataDir, 'tls', 'server.key'));
    expect(statSync(made.keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'tls')).mode & 0o777).toBe(0o700);
    expect(keyReadableByOthers(made.keyPath)).toBe(false);

    const again = await ensureSelfSignedCertificate(dataDir, { names: ['another-name'] });
    expect(again.created).toBe(false);
    expect(again.fingerprint).toBe(made.fingerprint);
    expect(again.cert).toBe(made.cert);
  });

  it('names the machine (subjectAltName), serves TLS servers only, and lasts the documented ten years', async () => {
    const now = Date.UTC(2026, 0, 15);
    const made = await ensureSelfSignedCertificate(dataDir, { names, now: () => now });
    const x509 = new X509Certificate(made.cert);
    expect(x509.subjectAltName).toBe('DNS:branch-pc, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:10.0.0.5');
    expect(x509.ca).toBe(false);
    expect(x509.checkIP('10.0.0.5')).toBe('10.0.0.5');
    expect(made.validTo).toBe(now + SELF_SIGNED_VALID_DAYS * 86_400_000);
    expect(Date.parse(x509.validFrom)).toBeLessThan(now);
  });

  it('gives the fingerprint as SHA-256 over the certificate, AB:CD:… as browsers and openssl show it', async () => {
    const made = await ensureSelfSignedCertificate(dataDir, { names });
    const der = new X509Certificate(made.cert).raw;
    const expected = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
    expect(made.fingerprint).toBe(expected);
  });

  it('refuses to make a new key beside a lone certificate (or a new certificate beside a lone key)', async () => {
    const made = await ensureSelfSignedCertificate(dataDir, { names });
    unlinkSync(made.keyPath);
    await expect(ensureSelfSignedCertificate(dataDir, { names })).rejects.toThrow(/holds only server\.crt: move it away/);
    expect(existsSync(made.keyPath)).toBe(false);
  });
});

describe('a certificate the operator gives', () => {
  const write = (name: string, text: string) => {
    const path = join(dataDir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };

  it('loads with its fingerprint when the key is the certificate’s', async () => {
    const made = await ensureSelfSignedCertificate(dataDir, { names });
    const loaded = loadServerCertificate(write('cert.pem', made.cert), write('key.pem', readFileSync(made.keyPath, 'utf8')), false);
    expect(loaded).toMatchObject({ fingerprint: made.fingerprint, selfSigned: false });
  });

  it('refuses, naming the file, a key of another certificate, an encrypted key, a file that is no PEM, a missing file', async () => {
    const made = await ensureSelfSignedCertificate(dataDir, { names });
    const cert = write('cert.pem', made.cert);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const otherKey = write('other.pem', other.export({ type: 'pkcs8', format: 'pem' }).toString());
    const encrypted = write('encrypted.pem', other.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString());
    const garbage = write('garbage.pem', 'not a certificate');

    expect(() => loadServerCertificate(cert, otherKey, false)).toThrow(`${otherKey} is not the key of the certificate ${cert}`);
    expect(() => loadServerCertificate(cert, encrypted, false)).toThrow(`${encrypted} is encrypted: give the key unencrypted`);
    expect(() => loadServerCertificate(garbage, otherKey, false)).toThrow(`${garbage} is not a PEM certificate`);
    expect(() => loadServerCertificate(join(dataDir, 'missing.pem'), otherKey, false)).toThrow(TlsSetupError);
    expect(() => loadServerCertificate(join(dataDir, 'missing.pem'), otherKey, false)).toThrow(/Cannot read the TLS certificate .*missing\.pem: ENOENT/);
  });

  it('tells when others may read the key file', () => {
    const key = write('loose.pem', 'x');
    chmodSync(key, 0o600);
    expect(keyReadableByOthers(key)).toBe(false);
    chmodSync(key, 0o640);
    expect(keyReadableByOthers(key)).toBe(true);
  });
});
