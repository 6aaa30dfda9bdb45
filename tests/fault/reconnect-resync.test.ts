import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  followBroadcasts,
  newRequestId,
  PROTOCOL_VERSION,
  type BranchSnapshot,
  type BroadcastSource,
  type CallView,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@rinda/shared';
import { CallTracker } from '../../apps/display/src/connection/call-tracker';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { CuttableLink } from './support/cuttable-link';

const RESYNC_WITHIN_MS = 2000;

/** What a client shows: its snapshot advanced by broadcasts with the shared reducer, as every app does. */
class ClientView {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  view: BranchSnapshot | null = null;
  /** What a display would announce (the display app's own CallTracker decides). */
  readonly announced: string[] = [];
  private readonly tracker = new CallTracker();
  connects = 0;

  constructor(url: string, token: string) {
    this.socket = io(url, { auth: { protocolVersion: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300, forceNew: true });
    this.socket.on('connect', () => this.connects++);
    this.socket.on('snapshot', (snapshot) => {
      this.view = snapshot;
      if (snapshot.role === 'display') this.announce(this.tracker.fromSnapshot(snapshot));
    });
    followBroadcasts(this.socket as unknown as BroadcastSource, () => this.view, (view) => (this.view = view));
    this.socket.on('ticket:called', (msg) => {
      if (this.view?.role === 'display') this.announce(this.tracker.fromBroadcast(msg.call));
    });
  }

  private announce(calls: CallView[]): void {
    this.announced.push(...calls.map((c) => c.callId));
  }
}

/** The parts of a snapshot a screen shows; order-free where the server's order is not meaningful. */
function shown(s: BranchSnapshot) {
  return {
    role: s.role,
    config: s.config,
    queues: s.queues,
    counters: [...s.counters].sort((a, b) => a.counterId.localeCompare(b.counterId)),
    tickets: [...s.tickets].sort((a, b) => a.id.localeCompare(b.id)),
    recentCalls: s.recentCalls,
    devices: s.devices.map(({ lastSeenAt: _seen, ...d }) => d).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > end) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('network cut and server restart', () => {
  let branch: Branch;
  let link: CuttableLink;
  const clients = {} as Record<'kiosk' | 'teller' | 'display' | 'manager', ClientView>;
  /** Direct connections with the same credentials: what the server says each role should see now. */
  const reference = {} as Record<keyof typeof clients, BranchSocket>;
  let otherKiosk: BranchSocket;
  let otherTeller: BranchSocket;

  beforeAll(async () => {
    branch = await startBranch({ clock: 'manual' });
    link = new CuttableLink(branch.port);
    await link.start();
    const tokens = {
      kiosk: await branch.deviceToken('kiosk'),
      display: await branch.deviceToken('display'),
      teller: await branch.userToken('teller', 'anna'),
      manager: await branch.userToken('manager', 'maria'),
    };
    for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) {
      clients[role] = new ClientView(link.url, tokens[role]);
      reference[role] = await branch.connect({ token: tokens[role] }, { reconnect: true });
    }
    otherKiosk = await branch.connect({ token: branch.enrolDevice('kiosk', 'Second kiosk').token }, { reconnect: true });
    otherTeller = await branch.connect({ token: await branch.userToken('teller', 'boris') }, { reconnect: true });
    await until(() => Object.values(clients).every((c) => c.view !== null), 5000, 'first snapshots');
  });
  afterAll(async () => {
    for (const c of Object.values(clients)) c.socket.close();
    await link.cut();
    await branch.stop();
  });

  const ok = async (p: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error?.message);
  };
  const issue = (socket: BranchSocket | Socket) =>
    ok(branch.request(socket as BranchSocket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' }));

  /** Every client's view equals what a fresh snapshot for its role says, within 2 s of its reconnect. */
  async function allInSync(connectsBefore: Record<string, number>): Promise<void> {
    await Promise.all(
      (Object.keys(clients) as (keyof typeof clients)[]).map(async (role) => {
        const client = clients[role];
        await until(() => client.connects > connectsBefore[role]!, 10_000, `${role} reconnect`);
        await until(
          async () => {
            const fresh = await branch.request(reference[role], 'sync:request', { requestId: newRequestId() });
            return fresh.ok && client.view !== null && JSON.stringify(shown(client.view)) === JSON.stringify(shown(fresh.data));
          },
          RESYNC_WITHIN_MS,
          `${role} view matching the database`,
        );
      }),
    );
  }
  const connectCounts = () => Object.fromEntries(Object.entries(clients).map(([role, c]) => [role, c.connects]));

  it('brings every role back in line after a network cut, and the display announces only the call it missed', async () => {
    for (let i = 0; i < 3; i++) await issue(clients.kiosk.socket);
    await ok(branch.request(clients.teller.socket as never, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' }));
    await ok(branch.request(clients.teller.socket as never, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' }));
    await until(() => clients.display.announced.length === 1, 5000, 'the first call announced');
    const firstCall = clients.display.announced[0]!;

    const before = connectCounts();
    await link.cut();
    // The branch goes on without them.
    for (let i = 0; i < 3; i++) await issue(otherKiosk);
    await ok(branch.request(otherTeller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' }));
    await ok(branch.request(otherTeller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' }));
    await ok(branch.request(otherTeller, 'ticket:start', { requestId: newRequestId(), counterId: 'c2' }));
    await ok(branch.request(reference.teller, 'ticket:noShow', { requestId: newRequestId(), counterId: 'c1' }));
    const missed = await branch.request(reference.display, 'sync:request', { requestId: newRequestId() });
    if (!missed.ok) throw new Error(missed.error.message);
    const missedCallId = missed.data.recentCalls[0]!.callId;
    expect(missedCallId).not.toBe(firstCall);
    await link.restore();

    await allInSync(before);
    expect(clients.display.announced.filter((c) => c === firstCall)).toHaveLength(1);
    expect(clients.display.announced).toEqual([firstCall, missedCallId]);
  });

  it('brings every role back in line after a server restart, and the display announces no old call again', async () => {
    const announcedBefore = [...clients.display.announced];
    const before = connectCounts();
    await branch.restart();
    await allInSync(before);
    expect(clients.display.announced).toEqual(announcedBefore);

    // Life goes on after the restart: a new call is announced once.
    await ok(branch.request(otherTeller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' }));
    await ok(branch.request(otherTeller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' }));
    await until(() => clients.display.announced.length === announcedBefore.length + 1, 5000, 'the new call announced');
    expect(new Set(clients.display.announced).size).toBe(clients.display.announced.length);
    await allInSync(Object.fromEntries(Object.keys(clients).map((r) => [r, 0])));
  });
});
