import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { rowCounts } from './db-counts';

describe('handshake', () => {
  let branch: Branch;
  beforeEach(async () => {
    branch = await startBranch();
  });
  afterEach(() => branch.stop());

  it('refuses another protocol version with PROTOCOL_MISMATCH', async () => {
    const token = await branch.deviceToken('kiosk');
    expect(await branch.connectError({ protocolVersion: 999, token })).toMatchObject({ code: 'PROTOCOL_MISMATCH' });
    expect(await branch.connectError({ protocolVersion: undefined, token })).toMatchObject({ code: 'PROTOCOL_MISMATCH' });
  });

  it('refuses unknown, revoked and missing credentials with UNAUTHENTICATED', async () => {
    expect(await branch.connectError({ token: 'x'.repeat(43) })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await branch.connectError({})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await branch.connectError({ ticketId: 'no-such-ticket-0000' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    const token = await branch.userToken('teller', 'anna');
    await branch.http('/api/auth/logout', { method: 'POST', token });
    expect(await branch.connectError({ token })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets the status page watch its ticket with no token, and do nothing else', async () => {
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'ru' });
    if (!issued.ok) throw new Error(issued.error.message);
    const ticketId = issued.data.ticket.id;
    const phone = await branch.connect({ ticketId });
    expect(branch.snapshotOf(phone)).toMatchObject({ role: 'public', me: null, tickets: [{ id: ticketId }], counters: [], devices: [] });
    expect(await branch.request(phone, 'ticket:cancel', { requestId: newRequestId(), ticketId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    const called = branch.nextEvent(phone, 'ticket:called');
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    const message = await called;
    expect(message.call).toMatchObject({ ticketId, counterNumber: 2 });
    // The counter's view names the teller: staff and displays get it with the call, a customer's phone does not.
    expect(message).not.toHaveProperty('counter');
  });
});

describe('authorisation on every event', () => {
  let branch: Branch;
  let anna: BranchSocket;
  let boris: BranchSocket;
  beforeEach(async () => {
    branch = await startBranch();
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    for (let i = 0; i < 3; i++) await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    anna = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    boris = await branch.connect({ token: await branch.userToken('teller', 'boris') });
    await branch.request(anna, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
    await branch.request(boris, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    await branch.request(boris, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
  });
  afterEach(() => branch.stop());

  it.each([
    ['ticket:callNext', {}],
    ['ticket:recall', {}],
    ['ticket:start', {}],
    ['ticket:finish', {}],
    ['ticket:noShow', {}],
    ['counter:pause', { reasonId: 'break' }],
    ['counter:resume', {}],
    ['counter:signOut', {}],
    ['ticket:call', { ticketId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    ['ticket:reactivate', { ticketId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    ['ticket:transfer', { target: { kind: 'service', serviceId: 'accounts' }, position: 'back' }],
  ] as const)('a teller cannot send %s for another teller’s counter', async (event, extra) => {
    const before = rowCounts(branch);
    const ack = await branch.request(anna, event, { requestId: newRequestId(), counterId: 'c2', ...extra } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(rowCounts(branch)).toEqual(before);
  });

  it('refuses signing in at a counter another teller holds, naming it taken', async () => {
    const ack = await branch.request(anna, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'COUNTER_TAKEN' } });
  });

  it('names the teller holding a taken counter by their name, never their id', async () => {
    const holder = await branch.createUser('anna.berzina', 'secret', 'teller', 'Anna Bērziņa');
    const annaB = await branch.connect({ token: await branch.login('anna.berzina', 'secret') });
    expect((await branch.request(annaB, 'counter:signIn', { requestId: newRequestId(), counterId: 'c3' })).ok).toBe(true);
    const ack = await branch.request(anna, 'counter:signIn', { requestId: newRequestId(), counterId: 'c3' });
    expect(ack).toEqual({ ok: false, error: { code: 'COUNTER_TAKEN', message: 'Counter 3 is taken by Anna Bērziņa' } });
    expect(JSON.stringify(ack)).not.toContain(holder.id);
  });

  it('lets a manager sign a teller out of a counter', async () => {
    const manager = await branch.connect({ token: await branch.userToken('manager', 'maria') });
    const ack = await branch.request(manager, 'counter:signOut', { requestId: newRequestId(), counterId: 'c1' });
    expect(ack).toMatchObject({ ok: true, data: { counter: { counterId: 'c1', state: 'closed', tellerId: null } } });
  });

  it('closes the sockets of a session when it signs out', async () => {
    const token = await branch.userToken('teller', 'carla');
    const carla = await branch.connect({ token });
    const ended = branch.nextEvent(carla, 'session:ended');
    const closed = new Promise<string>((resolve) => carla.once('disconnect', resolve));
    await branch.http('/api/auth/logout', { method: 'POST', token });
    expect((await ended).reason).toBe('Signed out');
    expect(await closed).toBe('io server disconnect');
  });

  it('checks the session again on every event: an expired one is refused on an open socket', async () => {
    await branch.stop();
    branch = await startBranch({ clock: 'manual' });
    const token = await branch.userToken('teller', 'carla');
    const carla = await branch.connect({ token });
    branch.clock.advance(13 * 60 * 60 * 1000);
    const ended = branch.nextEvent(carla, 'session:ended');
    const ack = await branch.request(carla, 'counter:signIn', { requestId: newRequestId(), counterId: 'c3' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await ended;
    expect(branch.ctx.state().counters.c3).toBeUndefined();
  });
});
