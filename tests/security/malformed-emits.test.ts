// Emits of the wrong shape, from a socket.io client used directly and as raw frames: whenever the client
// sent an ack function, it is answered BAD_REQUEST (never left waiting); without one, nothing happens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { dbFingerprint } from '../fault/db-fingerprint';
import { rawSocket, waitFor } from '../support/raw-socket';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

/** The part of a socket.io client that emits any arguments; the typed socket allows only the protocol's shapes. */
interface LooseEmitter {
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown };
}
const loose = (socket: BranchSocket) => socket as unknown as LooseEmitter;

/** Emits with an ack as the last argument (after `args`) and resolves with what came back, or 'NO ACK'. */
function emitWithAck(socket: BranchSocket, event: string, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve) => loose(socket).timeout(3000).emit(event, ...args, (err: Error | null, res: unknown) => resolve(err ? 'NO ACK' : res)));
}

describe('malformed emits', () => {
  let branch: Branch;
  let kioskToken: string;
  let kiosk: BranchSocket;
  const issue = () => ({ requestId: newRequestId(), serviceId: 'cash', language: 'en' });
  const badRequest = { ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } };

  beforeAll(async () => {
    branch = await startBranch();
    kioskToken = await branch.deviceToken('kiosk');
    kiosk = await branch.connect({ token: kioskToken });
  });
  afterAll(() => branch.stop());

  it('answers an ack with no payload BAD_REQUEST', async () => {
    const before = dbFingerprint(branch.ctx.db);
    expect(await emitWithAck(kiosk, 'ticket:issue')).toEqual(badRequest);
    expect(await emitWithAck(kiosk, 'sync:request')).toEqual(badRequest);
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  it('answers extra arguments BAD_REQUEST, even when the payload itself is valid', async () => {
    const before = dbFingerprint(branch.ctx.db);
    expect(await emitWithAck(kiosk, 'ticket:issue', issue(), 'extra')).toEqual(badRequest);
    expect(await emitWithAck(kiosk, 'ticket:issue', issue(), { another: 'payload' }, 3)).toEqual(badRequest);
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  it('answers an ack in the wrong place BAD_REQUEST when a function came last too', async () => {
    // socket.io sends a function that is not last as null: the server sees (null, payload, ack).
    const before = dbFingerprint(branch.ctx.db);
    expect(await emitWithAck(kiosk, 'ticket:issue', () => undefined, issue())).toEqual(badRequest);
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  it('ignores a non-function "ack" (nothing can be answered) and changes nothing', async () => {
    const before = dbFingerprint(branch.ctx.db);
    loose(kiosk).emit('ticket:issue', issue(), 'not a function');
    loose(kiosk).emit('ticket:issue', () => undefined, issue());
    loose(kiosk).emit('ticket:issue');
    // The socket is still served, and in order: the emits above were handled (and dropped) before this.
    expect(await branch.request(kiosk, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
    expect(kiosk.connected).toBe(true);
  });

  it('answers each malformed raw frame that carries an ack id BAD_REQUEST, and stays silent for those without', async () => {
    const before = dbFingerprint(branch.ctx.db);
    const raw = await rawSocket(branch.url, kioskToken);
    const payload = JSON.stringify(issue());
    const withAck = [
      '421["ticket:issue"]', // no payload
      `422["ticket:issue",${payload},"extra"]`, // extra argument
      `423["ticket:issue",null,${payload}]`, // ack in the wrong place (a function sent as null)
      `424["ticket:issue",${payload},"ack"]`, // a non-function "ack" is just an extra argument
      `425["ticket:issue",${payload},1,2,3,4]`,
      '426["sync:request"]',
    ];
    for (const frame of withAck) raw.ws.send(frame);
    raw.ws.send('42["ticket:issue"]');
    raw.ws.send(`42["ticket:issue",null,${payload}]`);
    await waitFor(() => raw.frames.filter((f) => f.startsWith('43')).length >= withAck.length);
    const acks = raw.frames.filter((f) => f.startsWith('43'));
    expect(acks.map((f) => /^43(\d)/.exec(f)?.[1]).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const ack of acks) expect(ack).toMatch(/^43\d\[\{"ok":false,"error":\{"code":"BAD_REQUEST"/);
    raw.ws.terminate();
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });
});
