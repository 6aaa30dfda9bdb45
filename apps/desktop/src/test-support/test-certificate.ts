import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A self-signed certificate like the branch server's (EC P-256), its PEM and SHA-256 fingerprint. */
export async function testCertificate(host: string): Promise<{ pem: string; fingerprint: string }> {
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [/^[\d.]+$/.test(host) ? { type: 7, ip: host } : { type: 2, value: host }] }],
  });
  return { pem: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}
