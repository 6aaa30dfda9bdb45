import { describe, expect, it } from 'vitest';
import { parseNetworkOptions, type NetworkOptions } from './network-options';

const options = (flags: Parameters<typeof parseNetworkOptions>[0], env: Record<string, string> = {}, demo = false): NetworkOptions => {
  const parsed = parseNetworkOptions(flags, env, demo);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options;
};
const refusal = (flags: Parameters<typeof parseNetworkOptions>[0], env: Record<string, string> = {}, demo = false): string => {
  const parsed = parseNetworkOptions(flags, env, demo);
  if (parsed.ok) throw new Error('accepted');
  return parsed.message;
};

describe('network options: the defaults', () => {
  it('a real branch speaks HTTPS on 8443 with its own certificate, plain HTTP on 8080 only redirecting', () => {
    expect(options({})).toEqual({
      tls: { mode: 'self-signed' },
      port: 8443,
      redirectPort: 8080,
      allowedHosts: ['auto'],
      printerAddresses: { tcpPorts: [{ from: 9100, to: 9109 }], allowLoopback: false },
    });
  });

  it('the demo stays plain HTTP on 8080 and may print to its virtual printer on loopback', () => {
    expect(options({}, {}, true)).toMatchObject({ tls: { mode: 'off' }, port: 8080, redirectPort: null, printerAddresses: { allowLoopback: true } });
  });

  it('the demo speaks HTTPS when asked, by flag or environment', () => {
    expect(options({ tls: true }, {}, true).tls).toEqual({ mode: 'self-signed' });
    expect(options({}, { RINDA_TLS: 'on' }, true).tls).toEqual({ mode: 'self-signed' });
  });

  it('--no-tls (behind a reverse proxy) is plain HTTP on 8080 with no redirect', () => {
    expect(options({ 'no-tls': true })).toMatchObject({ tls: { mode: 'off' }, port: 8080, redirectPort: null });
    expect(options({}, { RINDA_TLS: 'OFF' })).toMatchObject({ tls: { mode: 'off' } });
  });

  it('takes the operator’s certificate from flags, else from the environment', () => {
    expect(options({ 'tls-cert': '/etc/rinda/cert.pem', 'tls-key': '/etc/rinda/key.pem' }).tls).toEqual({ mode: 'provided', certPath: '/etc/rinda/cert.pem', keyPath: '/etc/rinda/key.pem' });
    expect(options({}, { RINDA_TLS_CERT: '/c.pem', RINDA_TLS_KEY: '/k.pem' }).tls).toEqual({ mode: 'provided', certPath: '/c.pem', keyPath: '/k.pem' });
    // A certificate given to the demo means TLS.
    expect(options({ 'tls-cert': '/c.pem', 'tls-key': '/k.pem' }, {}, true).tls.mode).toBe('provided');
  });

  it('flags win over the environment', () => {
    expect(options({ port: '9443', 'redirect-port': 'off', 'allowed-hosts': 'branch.example' }, { RINDA_PORT: '1', RINDA_REDIRECT_PORT: '2', RINDA_ALLOWED_HOSTS: 'x.example' })).toMatchObject({
      port: 9443,
      redirectPort: null,
      allowedHosts: ['branch.example'],
    });
    expect(options({}, { RINDA_PRINTER_PORTS: '9100,9200-9201' }).printerAddresses.tcpPorts).toEqual([
      { from: 9100, to: 9100 },
      { from: 9200, to: 9201 },
    ]);
  });
});

describe('network options: what is refused, and how it is said', () => {
  it.each([
    [{ tls: true, 'no-tls': true }, {}, '--tls and --no-tls contradict each other'],
    [{ 'tls-cert': '/c.pem' }, {}, 'give both --tls-cert and --tls-key'],
    [{}, { RINDA_TLS_KEY: '/k.pem' }, 'give both --tls-cert and --tls-key'],
    [{ 'no-tls': true, 'tls-cert': '/c.pem', 'tls-key': '/k.pem' }, {}, 'TLS is off (--no-tls or RINDA_TLS=off) but a certificate was given'],
    [{ 'no-tls': true, 'redirect-port': '8080' }, {}, '--redirect-port redirects plain HTTP to HTTPS, so it needs TLS on'],
    [{ port: '8080', 'redirect-port': '8080' }, {}, 'the redirect port and the HTTPS port are both 8080'],
    [{ port: 'eighty' }, {}, '--port / RINDA_PORT: must be a port number from 0 to 65535'],
    [{}, { RINDA_PORT: '70000' }, '--port / RINDA_PORT: must be a port number from 0 to 65535'],
    [{ 'redirect-port': 'no' }, {}, '--redirect-port / RINDA_REDIRECT_PORT: --redirect-port must be a port number or "off"'],
    [{}, { RINDA_TLS: 'yes' }, 'RINDA_TLS: RINDA_TLS must be "on" or "off"'],
    [{ 'allowed-hosts': 'https://branch.example' }, {}, '--allowed-hosts / RINDA_ALLOWED_HOSTS: each allowed host is a name'],
    [{ 'printer-ports': '22-' }, {}, '--printer-ports / RINDA_PRINTER_PORTS: a port (9100) or a range (9100-9109)'],
  ] as const)('%j %j', (flags, env, message) => {
    expect(refusal(flags, env)).toContain(message);
  });
});
