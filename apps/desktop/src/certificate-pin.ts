import { X509Certificate } from 'node:crypto';

/** What Electron's certificate verify procedure answers: accept, or reject (net::ERR_FAILED). */
export const ACCEPT_CERTIFICATE = 0;
export const REJECT_CERTIFICATE = -2;

export interface PinDecision {
  result: typeof ACCEPT_CERTIFICATE | typeof REJECT_CERTIFICATE;
  /** The fingerprint the server presented (null when its certificate does not parse). */
  presented: string | null;
  /** Why a certificate was refused, for the log. */
  reason?: string;
}

/**
 * The shell trusts the branch server by the certificate it was paired with, not by a CA: a self-signed
 * certificate is accepted when its SHA-256 fingerprint is the pinned one, and any other certificate is
 * refused, even one a CA vouches for (a man in the middle with a certificate from a trusted CA is still a
 * man in the middle). The shell talks to no other host, so every other host's certificate is refused too.
 */
export function createCertificatePin(serverOrigin: string, pinnedFingerprint: string | undefined) {
  const serverHost = new URL(serverOrigin).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

  function decide(hostname: string, certificatePem: string): PinDecision {
    const presented = fingerprintOf(certificatePem);
    if (hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase() !== serverHost) return { result: REJECT_CERTIFICATE, presented, reason: `not the branch server (${hostname})` };
    if (!pinnedFingerprint) return { result: REJECT_CERTIFICATE, presented, reason: 'no serverFingerprint in the shell config' };
    if (presented !== pinnedFingerprint) return { result: REJECT_CERTIFICATE, presented, reason: 'not the certificate this device was paired with' };
    return { result: ACCEPT_CERTIFICATE, presented };
  }

  return {
    /** session.setCertificateVerifyProc: every TLS connection the pages make. */
    verify(request: { hostname: string; certificate: { data: string } }): PinDecision {
      return decide(request.hostname, request.certificate.data);
    },
    /** app 'certificate-error': whether to trust a certificate Chromium itself did not. */
    trusts(url: string, certificate: { data: string }): boolean {
      let hostname: string;
      try {
        hostname = new URL(url).hostname;
      } catch {
        return false;
      }
      return decide(hostname, certificate.data).result === ACCEPT_CERTIFICATE;
    },
  };
}
export type CertificatePin = ReturnType<typeof createCertificatePin>;

/** SHA-256 over the certificate (DER) as AB:CD:…, the form the server prints; null when the PEM does not parse. */
export function fingerprintOf(certificatePem: string): string | null {
  try {
    return new X509Certificate(certificatePem).fingerprint256;
  } catch {
    return null;
  }
}
