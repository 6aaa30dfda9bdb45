import { beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT_CERTIFICATE, createCertificatePin, fingerprintOf, REJECT_CERTIFICATE } from './certificate-pin';
import { testCertificate } from './test-support/test-certificate';

let paired: { pem: string; fingerprint: string };
let impostor: { pem: string; fingerprint: string };
beforeAll(async () => {
  paired = await testCertificate('192.168.1.10');
  // The same names, another key: what a man in the middle would present.
  impostor = await testCertificate('192.168.1.10');
});

const server = 'https://192.168.1.10:8443';

describe('the shell pins the branch server’s certificate', () => {
  it('accepts the certificate it was paired with, self-signed as it is', () => {
    const pin = createCertificatePin(server, paired.fingerprint);
    expect(pin.verify({ hostname: '192.168.1.10', certificate: { data: paired.pem } })).toEqual({ result: ACCEPT_CERTIFICATE, presented: paired.fingerprint });
    expect(pin.trusts(`${server}/kiosk/`, { data: paired.pem })).toBe(true);
  });

  it('refuses any other certificate for the server, naming the one presented', () => {
    const pin = createCertificatePin(server, paired.fingerprint);
    expect(pin.verify({ hostname: '192.168.1.10', certificate: { data: impostor.pem } })).toEqual({
      result: REJECT_CERTIFICATE,
      presented: impostor.fingerprint,
      reason: 'not the certificate this device was paired with',
    });
    expect(pin.trusts(`${server}/kiosk/`, { data: impostor.pem })).toBe(false);
  });

  it('refuses the paired certificate on any other host: the shell talks to its server only', () => {
    const pin = createCertificatePin(server, paired.fingerprint);
    expect(pin.verify({ hostname: 'evil.example', certificate: { data: paired.pem } }).result).toBe(REJECT_CERTIFICATE);
    expect(pin.trusts('https://evil.example/', { data: paired.pem })).toBe(false);
    expect(pin.trusts('not a url', { data: paired.pem })).toBe(false);
  });

  it('compares host names without case and IPv6 addresses without brackets', async () => {
    const v6 = await testCertificate('branch.local');
    expect(createCertificatePin('https://Branch.Local:8443', v6.fingerprint).verify({ hostname: 'branch.local', certificate: { data: v6.pem } }).result).toBe(ACCEPT_CERTIFICATE);
    expect(createCertificatePin('https://[fd00::10]:8443', v6.fingerprint).verify({ hostname: 'fd00::10', certificate: { data: v6.pem } }).result).toBe(ACCEPT_CERTIFICATE);
    expect(createCertificatePin('https://[fd00::10]:8443', v6.fingerprint).trusts('https://[fd00::10]:8443/display/', { data: v6.pem })).toBe(true);
  });

  it('refuses every certificate when no fingerprint was pinned (an http:// server speaks no TLS)', () => {
    const pin = createCertificatePin('http://192.168.1.10:8080', undefined);
    expect(pin.verify({ hostname: '192.168.1.10', certificate: { data: paired.pem } })).toMatchObject({ result: REJECT_CERTIFICATE, reason: 'no serverFingerprint in the shell config' });
  });

  it('refuses a certificate that does not parse', () => {
    const pin = createCertificatePin(server, paired.fingerprint);
    expect(pin.verify({ hostname: '192.168.1.10', certificate: { data: 'garbage' } })).toMatchObject({ result: REJECT_CERTIFICATE, presented: null });
    expect(fingerprintOf('garbage')).toBeNull();
  });
});
