/**
 * HTTP requests from a chosen local address: every 127.0.0.0/8 address is this machine on Linux, so a
 * test binds its client socket to 127.0.0.1, 127.0.0.2 ... and the server sees as many peers as it would
 * see PCs on a branch's LAN. fetch() cannot choose its local address; node:http can.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Reply {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** `ca`: for an https:// url, the only certificate (PEM) to trust, e.g. the branch's own self-signed one. */
export function httpFrom(localAddress: string, url: string, path: string, init: { method?: string; body?: unknown; token?: string; ca?: string } = {}): Promise<Reply> {
  const target = new URL(path, url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: init.method ?? (payload === undefined ? 'GET' : 'POST'),
        localAddress,
        agent: false,
        ...(init.ca ? { ca: [init.ca] } : {}),
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
