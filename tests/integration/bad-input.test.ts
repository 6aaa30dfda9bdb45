import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { rowCounts } from './db-counts';

type Case = { name: string; role: 'kiosk' | 'teller'; event: string; payload: unknown; code: string };

const rid = () => newRequestId();
const CASES: Case[] = [
  { name: 'serviceId of the wrong type', role: 'kiosk', event: 'ticket:issue', payload: { requestId: rid(), serviceId: 7, language: 'en' }, code: 'BAD_REQUEST' },
  { name: 'missing requestId', role: 'kiosk', event: 'ticket:issue', payload: { serviceId: 'cash', language: 'en' }, code: 'BAD_REQUEST' },
  { name: 'missing serviceId', role: 'kiosk', event: 'ticket:issue', payload: { requestId: rid(), language: 'en' }, code: 'BAD_REQUEST' },
  { name: 'an extra field', role: 'kiosk', event: 'ticket:issue', payload: { requestId: rid(), serviceId: 'cash', language: 'en', number: 1 }, code: 'BAD_REQUEST' },
  { name: 'a huge string', role: 'kiosk', event: 'ticket:issue', payload: { requestId: rid(), serviceId: 'x'.repeat(20_000), language: 'en' }, code: 'BAD_REQUEST' },
  { name: 'an unknown language', role: 'kiosk', event: 'ticket:issue', payload: { requestId: rid(), serviceId: 'cash', language: 'de' }, code: 'BAD_REQUEST' },
  { name: 'a requestId with odd characters', role: 'kiosk', event: 'ticket:issue', payload: { requestId: '../../etc/passwd', serviceId: 'cash', language: 'en' }, code: 'BAD_REQUEST' },
  { name: 'a null payload', role: 'kiosk', event: 'ticket:issue', payload: null, code: 'BAD_REQUEST' },
  { name: 'an array payload', role: 'kiosk', event: 'ticket:issue', payload: ['cash'], code: 'BAD_REQUEST' },
  { name: 'a string payload', role: 'kiosk', event: 'ticket:issue', payload: 'cash', code: 'BAD_REQUEST' },
  { name: 'a prototype-polluting key', role: 'kiosk', event: 'ticket:issue', payload: JSON.parse(`{"requestId":"${rid()}","serviceId":"cash","language":"en","__proto__":{"admin":true}}`), code: 'BAD_REQUEST' },
  { name: 'an unknown event', role: 'kiosk', event: 'ticket:steal', payload: { requestId: rid() }, code: 'BAD_REQUEST' },
  { name: 'an unknown service', role: 'kiosk', event: 'ticket:issue', payload: { requestId: rid(), serviceId: 'nope', language: 'en' }, code: 'NOT_FOUND' },
  { name: 'a command of another role', role: 'kiosk', event: 'ticket:callNext', payload: { requestId: rid(), counterId: 'c1' }, code: 'FORBIDDEN' },
  { name: 'a transfer with a bad target', role: 'teller', event: 'ticket:transfer', payload: { requestId: rid(), counterId: 'c1', target: { kind: 'moon' }, position: 'front' }, code: 'BAD_REQUEST' },
  { name: 'a pause without a reason', role: 'teller', event: 'counter:pause', payload: { requestId: rid(), counterId: 'c1' }, code: 'BAD_REQUEST' },
  { name: 'an unknown counter', role: 'teller', event: 'counter:signIn', payload: { requestId: rid(), counterId: 'c99' }, code: 'NOT_FOUND' },
  { name: 'a kiosk command from a teller', role: 'teller', event: 'ticket:issue', payload: { requestId: rid(), serviceId: 'cash', language: 'en' }, code: 'FORBIDDEN' },
];

describe('bad payloads are refused with their code and change nothing', () => {
  let branch: Branch;
  let sockets: Record<Case['role'], BranchSocket>;
  beforeAll(async () => {
    branch = await startBranch();
    sockets = {
      kiosk: await branch.connect({ token: await branch.deviceToken('kiosk') }),
      teller: await branch.connect({ token: await branch.userToken('teller', 'anna') }),
    };
    await branch.request(sockets.kiosk, 'ticket:issue', { requestId: rid(), serviceId: 'cash', language: 'en' });
  });
  afterAll(() => branch.stop());

  it.each(CASES)('$name → $code', async ({ role, event, payload, code }) => {
    const before = rowCounts(branch);
    const socket = sockets[role] as unknown as { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } };
    const ack = await socket.timeout(5000).emitWithAck(event, payload);
    expect(ack).toMatchObject({ ok: false, error: { code } });
    expect(rowCounts(branch)).toEqual(before);
  });

  it('keeps the connection usable after all of them', async () => {
    const ack = await branch.request(sockets.kiosk, 'ticket:issue', { requestId: rid(), serviceId: 'cash', language: 'en' });
    expect(ack.ok).toBe(true);
  });
});

describe('bad HTTP bodies', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it.each([
    ['wrong types', { username: 1, password: true }],
    ['missing fields', { username: 'anna' }],
    ['an extra field', { username: 'anna', password: 'secret', role: 'manager' }],
    ['malformed JSON', '{"username":'],
    ['a body over 64 kB', { username: 'anna', password: 'p'.repeat(70_000) }],
  ])('login with %s → 400 BAD_REQUEST', async (_name, body) => {
    branch = await startBranch();
    const res = await branch.http('/api/auth/login', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
