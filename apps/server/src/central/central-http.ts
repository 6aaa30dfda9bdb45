import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How long one request to head office may take before the shipper gives up on it and backs off. */
export const CENTRAL_REQUEST_TIMEOUT_MS = 30_000;

export interface CentralHttpOptions {
  /** PEM of the certificate (or CA) head office presents, when it is not in the system's trust store. */
  ca?: string;
  token?: string;
}

/** POSTs JSON to head office (HTTPS, or HTTP where allowed) and gives the status and the parsed reply. */
export function postJson(url: string, body: unknown, options: CentralHttpOptions = {}): Promise<{ status: number; body: unknown }> {
  return requestJson('POST', url, body, options);
}

/** One request to head office: JSON out (when a body is given), the status and the parsed reply back. */
export function requestJson(method: 'GET' | 'POST', url: string, body: unknown, options: CentralHttpOptions = {}): Promise<{ status: number; body: unknown }> {
  const target = new URL(url);
  const payload = Buffer.from(body === undefined ? '' : JSON.stringify(body));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method,
        timeout: CENTRAL_REQUEST_TIMEOUT_MS,
        ...(options.ca ? { ca: options.ca } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`head office did not answer within ${CENTRAL_REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
