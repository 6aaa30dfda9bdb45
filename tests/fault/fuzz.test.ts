import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_ROLES, CommandSchemas, newRequestId, type CommandName, type Role } from '@rinda/shared';
import { rawSocket, waitFor } from '../support/raw-socket';
import { LOAD_TEST_LIMITS, startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { dbFingerprint } from './db-fingerprint';

const TWO_MB = 2 * 1024 * 1024;

/** Emits any value as a command and waits for the ack, or reports that none came. */
function emitRaw(socket: BranchSocket, name: string, payload: unknown): Promise<unknown> {
  const emitter = socket as unknown as { timeout(ms: number): { emit(n: string, p: unknown, cb: (err: Error | null, res: unknown) => void): void } };
  return new Promise((resolve) => emitter.timeout(3000).emit(name, payload, (err, res) => resolve(err ? 'NO ACK' : res)));
}

describe('fuzzing the server boundary', () => {
  let branch: Branch;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const senders = {} as Record<Role, BranchSocket>;
  const tokens = {} as Record<'kiosk' | 'teller', string>;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    // Hundreds of payloads from one socket within seconds: the rate limits are tested elsewhere (flood.test.ts).
    branch = await startBranch({ limits: LOAD_TEST_LIMITS });
    tokens.kiosk = await branch.deviceToken('kiosk');
    tokens.teller = await branch.userToken('teller', 'anna');
    senders.kiosk = await branch.connect({ token: tokens.kiosk });
    senders.display = await branch.connect({ token: await branch.deviceToken('display') });
    senders.rating = await branch.connect({ token: await branch.ratingScreenToken('c1') });
    senders.teller = await branch.connect({ token: tokens.teller });
    senders.manager = await branch.connect({ token: await branch.userToken('manager', 'maria') });
    // Some state to damage: a waiting ticket and a signed-in counter.
    const issued = await branch.request(senders.kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    if (!issued.ok) throw new Error(issued.error.message);
    // The phone's status page of that ticket: the sender of the commands only a public page may send.
    senders.public = await branch.connect({ ticketId: issued.data.ticket.id });
    await branch.request(senders.teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await branch.stop();
  });

  /**
   * The payload as the server receives it: socket.io sends JSON, which drops a key whose value is undefined, so
   * `{ …a valid payload, counterId: undefined }` arrives valid (seed -235022756 found it).
   */
  const asSent = (payload: unknown): unknown => {
    try {
      const json = JSON.stringify(payload);
      return json === undefined ? payload : JSON.parse(json);
    } catch {
      return payload;
    }
  };
  const accepted = (name: CommandName, payload: unknown) => CommandSchemas[name].safeParse(payload).success || CommandSchemas[name].safeParse(asSent(payload)).success;

  /** A value the command's schema refuses, as sent and as received: random values, and valid-looking payloads with one field spoiled. */
  const invalidPayload = (name: CommandName) =>
    fc
      .oneof(
        fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true }),
        fc.record({ requestId: fc.oneof(fc.string(), fc.constant(newRequestId())), counterId: fc.string(), ticketId: fc.string() }, { requiredKeys: [] }),
        fc.tuple(fc.constantFrom('requestId', 'counterId', 'serviceId', 'language', 'ticketId', 'target', 'position', 'reasonId', '__proto__', 'constructor'), fc.anything()).map(([key, value]) => ({
          requestId: newRequestId(),
          counterId: 'c1',
          serviceId: 'cash',
          language: 'en',
          [key]: value,
        })),
        fc.string({ maxLength: 200 }),
      )
      .filter((payload) => !accepted(name, payload));

  it.each(Object.keys(CommandSchemas) as CommandName[])('answers every malformed %s with an error ack and changes nothing', async (name) => {
    const role = COMMAND_ROLES[name].find((r) => r !== 'public') ?? 'public';
    const socket = senders[role];
    const before = dbFingerprint(branch.ctx.db);
    await fc.assert(
      fc.asyncProperty(invalidPayload(name), async (payload) => {
        const ack = (await emitRaw(socket, name, payload)) as { ok?: boolean; error?: { code?: string } };
        expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }),
      { numRuns: 40 },
    );
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
    expect(socket.connected).toBe(true);
  });

  it('answers unknown events, missing acks and extra arguments without harm', async () => {
    const before = dbFingerprint(branch.ctx.db);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }).filter((s) => !Object.hasOwn(CommandSchemas, s) && !['connect', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'error'].includes(s)), fc.anything(), async (event, payload) => {
        const ack = (await emitRaw(senders.teller, event, payload)) as { ok?: boolean; error?: { code?: string } };
        expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }),
      { numRuns: 60 },
    );
    // Fire and forget (no ack function) must not throw on the server.
    (senders.teller as unknown as { emit(n: string, p: unknown): void }).emit('ticket:callNext', { requestId: 'x' });
    (senders.teller as unknown as { emit(n: string, ...a: unknown[]): void }).emit('ticket:callNext', 1, 2, 3);
    expect(await branch.request(senders.teller, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  it('survives malformed socket.io frames: the connection may close, the server and its state do not change', async () => {
    const before = dbFingerprint(branch.ctx.db);
    const frames = [
      '42[', '42["ticket:issue"', '4', '9', '42', '421[]', '42{"a":1}', '421["ticket:issue",{"requestId":1}]',
      '451-["ticket:issue",{"_placeholder":true,"num":7}]', '40{"protocolVersion":"x"}', '\u0000\u0001\u0002', '42["__proto__",{}]',
      `421["ticket:issue",${JSON.stringify({ requestId: newRequestId(), serviceId: 'x'.repeat(50_000), language: 'en' })}]`,
    ];
    for (const frame of frames) {
      const raw = await rawSocket(branch.url, tokens.kiosk);
      raw.ws.send(frame);
      // Either an error ack, or the server closes this one connection; nothing else.
      await Promise.race([raw.closed, waitFor(() => raw.frames.some((f) => f.startsWith('43')), 1000).catch(() => undefined)]);
      const acks = raw.frames.filter((f) => f.startsWith('43'));
      for (const ack of acks) expect(ack).toMatch(/"ok":false/);
      raw.ws.terminate();
    }
    // Well-formed frames with an ack id and a bad payload get their error ack.
    for (const frame of ['421["ticket:issue",{"requestId":1}]', `427["ticket:issue",${JSON.stringify({ requestId: newRequestId(), serviceId: 'x'.repeat(50_000), language: 'en' })}]`]) {
      const raw = await rawSocket(branch.url, tokens.kiosk);
      raw.ws.send(frame);
      await waitFor(() => raw.frames.some((f) => f.startsWith('43')));
      expect(raw.frames.find((f) => f.startsWith('43'))).toMatch(/^43\d\[\{"ok":false,"error":\{"code":"BAD_REQUEST"/);
      raw.ws.terminate();
    }
    expect((await branch.http('/api/health')).status).toBe(200);
    expect(await branch.request(senders.kiosk, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  it('refuses 2 MB over HTTP and over the socket without a crash or a change', async () => {
    const before = dbFingerprint(branch.ctx.db);
    const big = 'x'.repeat(TWO_MB);
    for (const path of ['/api/auth/login', '/api/devices/pairings', '/api/admin/devices/pair', '/api/speech']) {
      const res = await branch.http(path, { body: JSON.stringify({ username: big, password: big, kind: big }), token: tokens.teller });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const malformedJson = await branch.http('/api/auth/login', { body: '{"username": "a", "password": ' });
    expect(await malformedJson.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const victim = await branch.connect({ token: tokens.kiosk });
    const closed = new Promise<string>((resolve) => victim.once('disconnect', (reason) => resolve(reason)));
    victim.emit('ticket:issue', { requestId: newRequestId(), serviceId: big, language: 'en' } as never, () => {});
    expect(await closed).toMatch(/transport/);
    const raw = await rawSocket(branch.url, tokens.kiosk);
    raw.ws.send(`421["ticket:issue",{"requestId":"${big}"}]`);
    await raw.closed;
    expect((await branch.http('/api/health')).status).toBe(200);
    expect(await branch.request(senders.kiosk, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
