/**
 * A local stand-in for an SMS operator's HTTP API (the one thing a test cannot have): it listens on 127.0.0.1,
 * checks each request's HMAC-SHA256 signature exactly as a real gateway configured with the same secret would,
 * records what it accepted, and can be told to fail the next requests (503) or refuse them (400).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  id: string;
  to: string;
  text: string;
}

export interface FakeSmsGateway {
  url: string;
  secret: string;
  /** Messages accepted (signature valid), in order. */
  received: ReceivedSms[];
  /** Requests refused for a missing or wrong signature. */
  badSignatures: number;
  /** Every request that arrived, accepted or not. */
  requests: number;
  /** The next `count` requests with a good signature get this status instead of 200. */
  answerNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startFakeSmsGateway(secret = 'a-test-secret-of-at-least-32-characters'): Promise<FakeSmsGateway> {
  const planned: number[] = [];
  const gateway: Omit<FakeSmsGateway, 'url' | 'close'> & { answerNext: FakeSmsGateway['answerNext'] } = {
    secret,
    received: [],
    badSignatures: 0,
    requests: 0,
    answerNext: (count, status) => planned.push(...Array.from({ length: count }, () => status)),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      gateway.requests++;
      const timestamp = String(req.headers['x-rinda-timestamp'] ?? '');
      const given = Buffer.from(String(req.headers['x-rinda-signature'] ?? ''));
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        gateway.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      const status = planned.shift() ?? 200;
      if (status === 200) gateway.received.push(JSON.parse(body) as ReceivedSms);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(gateway, {
    url: `http://127.0.0.1:${port}/sms`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
