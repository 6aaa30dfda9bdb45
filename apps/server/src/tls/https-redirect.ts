import { createServer, type Server } from 'node:http';
import { hostOfHeader, type HostPolicy } from '../security/allowed-hosts';
import { HOST_REFUSED_MESSAGE } from '../security/host-guard';

/**
 * The plain-HTTP port when TLS is on: it serves nothing, it only sends every request to the same path over
 * HTTPS (308 keeps the method). An old bookmark or a typed address still works, and no page, token or
 * password is ever answered in clear. The Host is checked first, so it only redirects to a name of this server.
 */
export function createHttpsRedirect(options: { httpsPort: () => number; hostPolicy: HostPolicy }): Server {
  const server = createServer((req, res) => {
    const host = hostOfHeader(req.headers.host);
    if (host === null || !options.hostPolicy.allows(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`${HOST_REFUSED_MESSAGE}\n`);
      return;
    }
    const port = options.httpsPort();
    const authority = `${host.includes(':') ? `[${host}]` : host}${port === 443 ? '' : `:${port}`}`;
    const path = (req.url ?? '/').startsWith('/') ? (req.url ?? '/') : '/';
    res.writeHead(308, { location: `https://${authority}${path}`, 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('This server speaks HTTPS only.\n');
  });
  // A request body is never read: the redirect answers at once and the connection closes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  return server;
}
