// The apps' one connection core (shared/ui/connection) against real servers over loopback: a real branch for
// the handshake, views, commands and refusals; a bare socket.io server where the branch cannot be made to
// misbehave on purpose (a command never acked, a health route that stops answering while the socket stays up).
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  demoBranchConfig,
  newRequestId,
  PROTOCOL_VERSION,
  type BatchedBroadcast,
  type BranchSnapshot,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@rinda/shared';
import { LiveConnection, type ConnectionOptions } from '@rinda/shared/ui/connection';
import { startBranch, type Branch } from '../support/start-branch';

const connections: LiveConnection[] = [];
function connect(url: string, options: Omit<ConnectionOptions, 'url'>): LiveConnection {
  const connection = new LiveConnection({ url, ...options });
  connections.push(connection);
  return connection;
}
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 20 });

afterEach(() => {
  for (const connection of connections.splice(0)) connection.close();
});

describe('the connection core with a branch', () => {
  let branch: Branch;
  beforeEach(async () => {
    branch = await startBranch({ features: [] });
  });
  afterEach(async () => {
    await branch.stop();
  });

  it("comes online with its role's snapshot and the server's clock offset, then follows broadcasts others cause", async () => {
    const teller = connect(branch.url, { credentials: { token: await branch.userToken('teller') }, offlineAfterMs: 0 });
    await waitFor(() => expect(teller.getState().status).toBe('online'));
    const { view, clockOffsetMs, refusal } = teller.getState();
    expect(view?.role).toBe('teller');
    expect(Math.abs(clockOffsetMs)).toBeLessThan(1000);
    expect(refusal).toBeNull();

    const heard: BatchedBroadcast['event'][] = [];
    teller.onBroadcast((message) => heard.push(message.event));
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null });
    if (!issued.ok) throw new Error(issued.error.message);
    await waitFor(() => expect(teller.getState().view?.tickets.map((t) => t.id)).toContain(issued.data.ticket.id));
    expect(heard).toContain('ticket:issued');
  });

  it('sends a typed command with a fresh requestId, or the one given, so a retry is applied once', async () => {
    const teller = connect(branch.url, { credentials: { token: await branch.userToken('teller') }, offlineAfterMs: 0 });
    const kiosk = connect(branch.url, { credentials: { token: await branch.deviceToken('kiosk') }, offlineAfterMs: 2000 });
    await waitFor(() => expect([teller.getState().status, kiosk.getState().status]).toEqual(['online', 'online']));

    const signedIn = await teller.send('counter:signIn', { counterId: 'c1' });
    expect(signedIn.timedOut).toBe(false);
    expect(signedIn.result.ok && signedIn.result.data.counter.counterId).toBe('c1');

    const choice = { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null } as const;
    const first = await kiosk.send('ticket:issue', choice);
    const retry = await kiosk.send('ticket:issue', choice);
    if (!first.result.ok || !retry.result.ok) throw new Error('issue failed');
    expect(retry.result.data.ticket.id).toBe(first.result.data.ticket.id);
    expect(branch.ctx.state().tickets.size).toBe(1);
  });

  it('a refused handshake is a refusal with the server code: no view, offline, and commands refused at once', async () => {
    const stranger = connect(branch.url, { credentials: { token: 'x'.repeat(32) }, offlineAfterMs: 0 });
    await waitFor(() => expect(stranger.getState().refusal).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String), sessionEnded: false }));
    expect(stranger.getState()).toMatchObject({ status: 'offline', view: null });
    // A command is refused at once, never buffered to be sent on some later connection.
    const sent = await stranger.send('ticket:issue', { serviceId: 'cash', language: 'en', priorityReasonId: null });
    expect(sent).toEqual({ result: { ok: false, error: { code: 'INTERNAL', message: 'Not connected to the server' } }, timedOut: false });
  });

  it('a session the server ends (logout) is a refusal marked sessionEnded, and the view is dropped', async () => {
    const token = await branch.userToken('manager');
    const manager = connect(branch.url, { credentials: { token }, offlineAfterMs: 0 });
    await waitFor(() => expect(manager.getState().status).toBe('online'));
    expect((await branch.http('/api/auth/logout', { method: 'POST', token })).ok).toBe(true);
    await waitFor(() => expect(manager.getState().refusal).toMatchObject({ code: 'UNAUTHENTICATED', sessionEnded: true }));
    expect(manager.getState()).toMatchObject({ status: 'offline', view: null });
  });

  it('after a server restart it reconnects, takes the fresh snapshot and renews whileConnected', async () => {
    const display = connect(branch.url, { credentials: { token: await branch.deviceToken('display') }, offlineAfterMs: 10_000 });
    await waitFor(() => expect(display.getState().status).toBe('online'));
    const snapshots: BranchSnapshot[] = [];
    display.onSnapshot((view) => snapshots.push(view));
    const whileFirst = display.whileConnected();
    await branch.restart();
    await waitFor(() => expect(snapshots).toHaveLength(1));
    expect(whileFirst.aborted).toBe(true);
    expect(display.whileConnected().aborted).toBe(false);
    expect(display.getState()).toMatchObject({ status: 'online', view: snapshots[0] });
  });
});

describe('the connection core cut off for flooding', () => {
  let branch: Branch;
  beforeEach(async () => {
    branch = await startBranch({ features: [], limits: { socketEvents: { display: { burst: 3, perSecond: 1 } }, disconnectAfterRefusals: 2, reconnectCooldownMs: 1500 } });
  });
  afterEach(async () => {
    await branch.stop();
  });

  it('is told RATE_LIMITED while its credential cools down, is no refusal, and comes back online when the wait is over', async () => {
    const display = connect(branch.url, { credentials: { token: await branch.deviceToken('display') }, offlineAfterMs: 10_000 });
    await waitFor(() => expect(display.getState().status).toBe('online'));
    const refusals = new Set<unknown>();
    display.subscribe(() => refusals.add(display.getState().refusal));
    const snapshots: BranchSnapshot[] = [];
    display.onSnapshot((view) => snapshots.push(view));
    const cutOff = display.whileConnected();
    const started = performance.now();

    await Promise.all(Array.from({ length: 8 }, () => display.send('sync:request', {})));
    await waitFor(() => expect(cutOff.aborted).toBe(true));
    // The reconnection at once meets the cool-down; the next one, after the wait it was told, is served.
    await vi.waitFor(() => expect(snapshots.length).toBeGreaterThanOrEqual(1), { timeout: 6000, interval: 50 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
    expect(display.getState()).toMatchObject({ status: 'online', refusal: null });
    expect([...refusals]).toEqual([null]);
  });
});

describe('the connection core with a server that misbehaves', () => {
  let http: HttpServer;
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  let url: string;
  let handshakes = 0;
  let healthAnswers = true;

  const snapshot = (): BranchSnapshot => ({
    epoch: 'e', seq: 1, serverTime: Date.now(), role: 'display', me: null, config: demoBranchConfig,
    queues: [], counters: [], tickets: [], recentCalls: [], devices: [], alerts: [],
  });

  beforeEach(async () => {
    handshakes = 0;
    healthAnswers = true;
    http = createServer((req, res) => {
      if (req.url !== '/api/health' || !healthAnswers) return; // hangs, like a server behind a pulled cable
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, version: 'test', protocolVersion: PROTOCOL_VERSION, branch: { id: 'b', name: 'B' } }));
    });
    io = new Server(http);
    io.use((socket, next) => {
      handshakes++;
      next();
    });
    // Commands are never acked: the server took them and went silent.
    io.on('connection', (socket) => socket.emit('snapshot', snapshot()));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    http.closeAllConnections();
    await io.close();
  });

  it('a command with no ack in time fails as timedOut, so the UI can say it may have been applied', async () => {
    const connection = connect(url, { credentials: { token: 'd'.repeat(32) }, offlineAfterMs: 0, ackTimeoutMs: 200 });
    await waitFor(() => expect(connection.getState().status).toBe('online'));
    const sent = await connection.send('ticket:callNext', { counterId: 'c1' });
    expect(sent.timedOut).toBe(true);
    expect(sent.result.ok).toBe(false);
  });

  it('a health probe that gets no answer drops the half-open socket and connects again', async () => {
    const connection = connect(url, { credentials: { token: 'd'.repeat(32) }, offlineAfterMs: 10_000, probe: { everyMs: 100, timeoutMs: 100 } });
    await waitFor(() => expect(connection.getState().status).toBe('online'));
    const statuses: string[] = [];
    connection.subscribe(() => statuses.push(connection.getState().status));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(handshakes).toBe(1); // a health route that answers leaves the socket alone

    healthAnswers = false;
    await waitFor(() => expect(handshakes).toBeGreaterThan(1));
    healthAnswers = true;
    await waitFor(() => expect(connection.getState().status).toBe('online'));
    expect(statuses).toContain('connecting');
  });

  it('turns offline only after offlineAfterMs without the server, read from the view when it is a setting', async () => {
    const connection = connect(url, {
      credentials: { token: 'd'.repeat(32) },
      offlineAfterMs: (view) => (view ? 300 : 60_000),
    });
    await waitFor(() => expect(connection.getState().status).toBe('online'));
    // Each status is timed as it changes: timed by polling, a late poll would blur the 300 ms.
    const changedAt = new Map<string, number>();
    connection.subscribe(() => {
      const { status } = connection.getState();
      if (!changedAt.has(status)) changedAt.set(status, performance.now());
    });
    await io.close();
    await waitFor(() => expect(connection.getState().status).toBe('offline'));
    // 295, not 300: a Node timer counts from the event loop's clock, read to the millisecond at the loop's turn.
    expect(changedAt.get('offline')! - changedAt.get('connecting')!).toBeGreaterThanOrEqual(295);
    expect(connection.getState().view).not.toBeNull(); // a lost server is not a refusal: the last view stays
  });
});
