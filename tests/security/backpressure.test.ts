// One client must not slow the branch: each limit answers (rate per socket, flood cut-off and cool-down,
// unread output, connections), and the server keeps serving everyone else during a bounded flood.
// Nothing here asserts on a duration: the "one hostile client" benchmark measures how much a flood costs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CommandSchemas, newRequestId, type Role } from '@rinda/shared';
import { floodEvents } from '../support/flood-events';
import { rawSocket, waitFor } from '../support/raw-socket';
import { LOAD_TEST_LIMITS, startBranch, type Branch, type BranchSocket } from '../support/start-branch';

/** Emits without waiting, collecting the ack (or 'NO ACK' after the timeout) in `into`. */
function fire(socket: BranchSocket, name: string, payload: unknown, into: unknown[]): Promise<void> {
  const emitter = socket as unknown as { timeout(ms: number): { emit(n: string, p: unknown, cb: (err: Error | null, res: unknown) => void): void } };
  return new Promise((resolve) =>
    emitter.timeout(4000).emit(name, payload, (err, res) => {
      into.push(err ? 'NO ACK' : res);
      resolve();
    }),
  );
}

const codeOf = (answer: unknown) => (answer as { error?: { code?: string } }).error?.code ?? ((answer as { ok?: boolean }).ok ? 'OK' : String(answer));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Closes a socket from the client's side and gives the server a moment to see it go (nothing tells another client). */
async function closed(socket: BranchSocket): Promise<void> {
  socket.close();
  await sleep(1000);
}
const disconnection = (socket: BranchSocket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('rate limit per socket', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch({
      limits: { socketEvents: { teller: { burst: 5, perSecond: 1 } }, disconnectAfterRefusals: 20, reconnectCooldownMs: 1500 },
    });
  });
  afterAll(() => branch.stop());

  it('answers past the burst RATE_LIMITED with retryAfterMs, cuts off a socket that keeps going, and keeps its credential out for the cool-down', async () => {
    const token = await branch.userToken('teller');
    const teller = await branch.connect({ token });
    const started = performance.now();
    // The connection itself took one of the five.
    for (let i = 0; i < 4; i++) expect(await branch.request(teller, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });

    const cut = disconnection(teller);
    const answers: unknown[] = [];
    const sent = Array.from({ length: 40 }, () => fire(teller, 'sync:request', { requestId: newRequestId() }, answers));
    expect(await cut).toBe('io server disconnect');
    await Promise.all(sent);
    const limited = answers.filter((a) => codeOf(a) === 'RATE_LIMITED') as { error: { retryAfterMs: number; message: string } }[];
    expect(limited.length).toBeGreaterThanOrEqual(20);
    for (const a of limited) {
      expect(a.error.retryAfterMs).toBeGreaterThan(0);
      expect(a.error.retryAfterMs).toBeLessThanOrEqual(1000);
    }
    // Past the burst, only what refilled (1 a second) since the first request got through.
    expect(answers.filter((a) => codeOf(a) === 'OK').length).toBeLessThanOrEqual(Math.floor((performance.now() - started) / 1000));

    const refused = await branch.connectError({ token });
    expect(refused).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/too many requests/) });
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const back = await branch.connect({ token });
    expect(await branch.request(back, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });
  });

  it('never refuses a client that waits as it is told', async () => {
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    let served = 0;
    while (served < 8) {
      const answer = await branch.request(teller, 'sync:request', { requestId: newRequestId() });
      if (answer.ok) served++;
      else await new Promise((resolve) => setTimeout(resolve, answer.error.retryAfterMs ?? 1000));
    }
    expect(teller.connected).toBe(true);
  });
});

describe('reconnecting does not buy a fresh budget', () => {
  let branch: Branch;
  // One event every 5 s past a burst of 3: nothing refills while the test reconnects in a loop.
  beforeAll(async () => {
    branch = await startBranch({ limits: { socketEvents: { teller: { burst: 3, perSecond: 0.2 } }, disconnectAfterRefusals: 5, reconnectCooldownMs: 60_000 } });
  });
  afterAll(() => branch.stop());

  it('a socket closed with its budget spent leaves it to the next socket of its credential, and a reconnect loop is refused, then cut off, while another teller is served', async () => {
    const token = await branch.userToken('teller');
    const other = await branch.connect({ token: await branch.userToken('teller') });
    const first = await branch.connect({ token });
    // Its connection paid for one of the three.
    for (let i = 0; i < 2; i++) expect(await branch.request(first, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });
    await closed(first);
    expect(await branch.connectError({ token })).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many requests; try again in/) });

    // Waiting as told: the next token pays for the connection (its handshake and snapshot), so the socket
    // has nothing left for a request, as the closed one would not have had.
    await sleep(4500);
    const second = await branch.connect({ token });
    expect(codeOf(await branch.request(second, 'sync:request', { requestId: newRequestId() }))).toBe('RATE_LIMITED');
    await closed(second);

    // Connecting again and again counts as the refusals it gets: past them, the credential cools down.
    const refusals: { code: string | undefined; message: string }[] = [];
    while (refusals.length < 20 && !refusals.at(-1)?.message.includes('wait before connecting again')) refusals.push(await branch.connectError({ token }));
    expect(refusals.at(-1)?.message).toMatch(/sent too many requests and was closed/);
    expect(refusals.length).toBeLessThanOrEqual(6);
    expect(refusals.every((r) => r.code === 'RATE_LIMITED')).toBe(true);
    expect(await branch.request(other, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).toMatchObject({ ok: true });
  });

  it('a loop that connects and sends nothing spends the budget as sending would: refused past the burst, then cut off', async () => {
    const token = await branch.userToken('teller');
    const outcomes: string[] = [];
    while (outcomes.length < 20 && !outcomes.at(-1)?.includes('wait before connecting again')) {
      outcomes.push(
        await branch.connect({ token }).then(
          (socket) => (socket.close(), 'connected'),
          (err: Error) => err.message,
        ),
      );
    }
    // Three connections are the burst; the fourth, moments later, is refused; refusals past five cool it down.
    expect(outcomes.slice(0, 4)).toEqual(['connected', 'connected', 'connected', expect.stringMatching(/^Too many requests; try again in/)]);
    expect(outcomes.at(-1)).toMatch(/sent too many requests and was closed/);
    expect(outcomes.length).toBeLessThanOrEqual(10);
  });

  it('two sockets of one credential: the idle one closing last does not wipe out what the other spent', async () => {
    const token = await branch.userToken('teller');
    const flooding = await branch.connect({ token });
    const idle = await branch.connect({ token });
    const answers: unknown[] = [];
    await Promise.all(Array.from({ length: 4 }, () => fire(flooding, 'sync:request', { requestId: newRequestId() }, answers)));
    expect(answers.map(codeOf)).toContain('RATE_LIMITED');
    await closed(flooding);
    await closed(idle);
    expect(await branch.connectError({ token })).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many requests; try again in/) });
  });
});

describe('command budget per socket', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch({ limits: { socketCommands: { teller: { burst: 3, perSecond: 1 } } } });
  });
  afterAll(() => branch.stop());

  it('answers commands past the budget RATE_LIMITED without running them, while the socket may still resync and another teller is served', async () => {
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    const other = await branch.connect({ token: await branch.userToken('teller') });
    const started = performance.now();
    const answers: unknown[] = [];
    // Sign in and out of c3 over and over: each accepted one is a write and a message to every screen.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => fire(teller, i % 2 === 0 ? 'counter:signIn' : 'counter:signOut', { requestId: newRequestId(), counterId: 'c3' }, answers)),
    );
    const limited = answers.filter((a) => codeOf(a) === 'RATE_LIMITED') as { error: { retryAfterMs: number } }[];
    const through = answers.length - limited.length;
    expect(through).toBeLessThanOrEqual(3 + Math.floor((performance.now() - started) / 1000));
    expect(limited.length).toBeGreaterThanOrEqual(12 - through);
    for (const a of limited) expect(a.error.retryAfterMs).toBeGreaterThan(0);

    // sync:request is not a command: the socket's events budget still has room, and it stays connected.
    expect(await branch.request(teller, 'sync:request', { requestId: newRequestId() })).toMatchObject({ ok: true });
    expect(teller.connected).toBe(true);
    // Another teller's budget is its own.
    expect(await branch.request(other, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).toMatchObject({ ok: true });
  });
});

describe('a bounded flood from one socket of each role, with the default limits', () => {
  let branch: Branch;
  let kiosk: BranchSocket;
  /** The teller at c2 for the flood under way. */
  let bystander: BranchSocket | undefined;
  let display: BranchSocket;
  const target = { counterId: 'c4', serviceId: 'cash', pauseReasonId: 'break' };

  beforeAll(async () => {
    branch = await startBranch();
    kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    display = await branch.connect({ token: await branch.deviceToken('display') });
  });
  afterAll(() => branch.stop());

  /**
   * Each flood meets a teller of its own at c2, as a real one (a few commands a minute): one teller calling
   * and finishing through every flood in a second would spend its own command budget.
   */
  beforeEach(async () => {
    if (bystander) expect(await branch.request(bystander, 'counter:signOut', { requestId: newRequestId(), counterId: 'c2' })).toMatchObject({ ok: true });
    bystander = await branch.connect({ token: await branch.userToken('teller') });
    expect(await branch.request(bystander, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).toMatchObject({ ok: true });
  });

  async function hostile(role: Role): Promise<BranchSocket> {
    if (role === 'kiosk' || role === 'display') return branch.connect({ token: branch.enrolDevice(role, `Hostile ${role}`).token });
    if (role === 'rating') return branch.connect({ token: await branch.ratingScreenToken('c2') });
    if (role === 'public') {
      const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      if (!issued.ok) throw new Error(issued.error.message);
      return branch.connect({ ticketId: issued.data.ticket.id });
    }
    return branch.connect({ token: await branch.userToken(role) });
  }

  it.each(['teller', 'kiosk', 'display', 'rating', 'manager', 'public'] as Role[])('a %s flooding every event it may send is refused and cut off, while the branch issues, calls and answers health', async (role) => {
    const teller = bystander;
    if (!teller) throw new Error('no teller at c2');
    const events = floodEvents(role, target);
    for (const e of events) expect(CommandSchemas[e.name].safeParse(e.payload()).success, e.name).toBe(true);
    const socket = await hostile(role);
    const started = performance.now();
    const cut = disconnection(socket).then((reason) => ({ reason, afterMs: performance.now() - started }));
    const answers: unknown[] = [];
    // 200 of each event, round robin, sent at once: far past the burst and the refusals a socket may have.
    const flood = Array.from({ length: 200 * events.length }, (_, i) => {
      const event = events[i % events.length]!;
      return fire(socket, event.name, event.payload(), answers);
    });

    const called = branch.nextEvent(display, 'ticket:called', undefined, 10_000);
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' }, 10_000);
    expect(issued).toMatchObject({ ok: true });
    const call = await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' }, 10_000);
    expect(call).toMatchObject({ ok: true });
    expect((await called).call.counterId).toBe('c2');
    expect((await branch.http('/api/health')).status).toBe(200);
    expect(await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' }, 10_000)).toMatchObject({ ok: true });

    const { reason, afterMs } = await cut;
    expect(reason).toBe('io server disconnect');
    await Promise.all(flood);
    const limited = answers.filter((a) => codeOf(a) === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(branch.ctx.limits.disconnectAfterRefusals);
    // What got through is at most the role's burst, and what refilled while the flood arrived.
    const { burst, perSecond } = branch.ctx.limits.socketEvents[role];
    const through = answers.filter((a) => codeOf(a) !== 'RATE_LIMITED' && a !== 'NO ACK');
    expect(through.length).toBeLessThanOrEqual(burst + Math.ceil((perSecond * afterMs) / 1000));
    expect(kiosk.connected && teller.connected && display.connected).toBe(true);
  });
});

describe('a socket that does not read what it is sent', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch({ limits: { ...LOAD_TEST_LIMITS, outgoingBufferBytes: 256 * 1024 } });
  });
  afterAll(() => branch.stop());

  it('is dropped once its unsent output passes the limit; it reconnects and resyncs while others are served throughout', async () => {
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    // About 100 KB of snapshot per answer: the staff snapshot lists every waiting ticket.
    for (let i = 0; i < 200; i++) expect(await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' }, 20_000)).toMatchObject({ ok: true });
    const token = await branch.userToken('teller');
    const stuck = await rawSocket(branch.url, token);
    const sockets = () => branch.app.io.of('/').sockets;
    expect(sockets().has(stuck.id)).toBe(true);

    stuck.ws.pause();
    // 400 requests with ack ids, about 40 MB of answers: far past what the kernel's buffers take.
    for (let i = 0; i < 400; i++) stuck.ws.send(`42${i}["sync:request",${JSON.stringify({ requestId: newRequestId() })}]`);
    await waitFor(() => !sockets().has(stuck.id), 20_000);

    expect(await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' })).toMatchObject({ ok: true });
    const again = await branch.connect({ token });
    const waiting = (tickets: { state: string }[]) => tickets.filter((t) => t.state === 'waiting').length;
    expect(waiting(branch.snapshotOf(again).tickets)).toBe(201);
    const synced = await branch.request(again, 'sync:request', { requestId: newRequestId() });
    if (!synced.ok) throw new Error(synced.error.message);
    expect(waiting(synced.data.tickets)).toBe(201);
    stuck.ws.terminate();
  });
});

describe('connection limits', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch({ limits: { connectionsPerAddress: 4, connectionsPerCredential: 2, connectionsTotal: 6 } });
  });
  afterAll(() => branch.stop());

  it('refuses past the sockets per credential, per address and in all with a clear RATE_LIMITED, and frees a place when one closes', async () => {
    const display = await branch.deviceToken('display');
    const first = await branch.connect({ token: display });
    await branch.connect({ token: display });
    expect(await branch.connectError({ token: display })).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/credentials already have 2 connections/) });

    const kiosk = await branch.deviceToken('kiosk');
    await branch.connect({ token: kiosk });
    await branch.connect({ token: kiosk });
    // Every test client comes from 127.0.0.1, so the address limit comes first here.
    expect(await branch.connectError({ token: await branch.userToken('teller') })).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/address already has 4 connections/) });

    first.close();
    await waitFor(() => branch.app.io.of('/').sockets.size === 3);
    const replaced = await branch.connect({ token: display });
    expect(replaced.connected).toBe(true);
  });

  it('refuses past the total, whichever the address', async () => {
    const limited = await startBranch({ limits: { connectionsPerAddress: 10, connectionsTotal: 2 } });
    try {
      const token = await limited.deviceToken('display');
      await limited.connect({ token });
      await limited.connect({ token });
      expect(await limited.connectError({ token: await limited.deviceToken('kiosk') })).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/maximum of 2 connections/) });
    } finally {
      await limited.stop();
    }
  });
});

describe('sync:request', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch();
  });
  afterAll(() => branch.stop());

  // How often a snapshot is built is the unit test's (snapshot-cache.test.ts); here, that what is shared is right.
  it('answers a burst from one socket with the same snapshot, and gives two displays the same one but for `me`', async () => {
    const display = await branch.connect({ token: await branch.deviceToken('display') });
    const answers: unknown[] = [];
    // A display's burst is 10, one of them spent on its connection: the other nine at once.
    await Promise.all(Array.from({ length: 9 }, () => fire(display, 'sync:request', { requestId: newRequestId() }, answers)));
    const withoutTime = answers.map((a) => {
      const { serverTime: _time, ...rest } = (a as { data: { serverTime: number } }).data;
      return rest;
    });
    expect(withoutTime).toHaveLength(9);
    for (const a of withoutTime) expect(a).toEqual(withoutTime[0]);

    const other = await branch.connect({ token: branch.enrolDevice('display', 'Second hall').token });
    await new Promise((resolve) => setTimeout(resolve, 600)); // a token back (a display gets 2 a second)
    const [mine, theirs] = await Promise.all([display, other].map((s) => branch.request(s, 'sync:request', { requestId: newRequestId() })));
    if (!mine?.ok || !theirs?.ok) throw new Error('sync:request failed');
    const { me: _me1, serverTime: _t1, ...sharedMine } = mine.data;
    const { me: _me2, serverTime: _t2, ...sharedTheirs } = theirs.data;
    expect(sharedTheirs).toEqual(sharedMine);
    expect(mine.data.me?.id).not.toBe(theirs.data.me?.id);
  });
});
