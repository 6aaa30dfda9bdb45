/**
 * Simulated devices and staff in their own process: displays, tellers, kiosks, managers and phones
 * (status pages), each a real socket.io client over 127.0.0.1 speaking Rinda's protocol. Times are
 * process.hrtime.bigint() (CLOCK_MONOTONIC, the same clock in every process), sent as strings.
 */
import { io, type Socket } from 'socket.io-client';
import { demoBranchConfig, newRequestId, PROTOCOL_VERSION, request, type AckEmitter, type CommandName, type CommandPayload } from '@rinda/shared';
import { printTicket, sampleIssuedTicket } from '@rinda/hardware';
import { serveWorker } from './worker-rpc';

export type ClientRole = 'display' | 'teller' | 'kiosk' | 'manager' | 'public';

export interface ConnectParams {
  url: string;
  role: ClientRole;
  /** One per socket: a token (or, for 'public', a ticket id). */
  credentials: string[];
  /** Tellers only: the counter of each, in the same order. */
  counterIds?: string[];
}

export interface CallSample {
  ticketId: string | null;
  emitAt: string;
  ackAt: string;
  error?: string;
}

interface Client {
  socket: Socket;
  counterId?: string;
}

const clients: Record<ClientRole, Client[]> = { display: [], teller: [], kiosk: [], manager: [], public: [] };
/** ticketId → how many displays in this process received its call, and when the last one did. */
const receipts = new Map<string, { count: number; last: bigint }>();
const ACK_TIMEOUT_MS = 30_000;
const CONNECT_BATCH = 25;

const now = () => process.hrtime.bigint();

function send<K extends CommandName>(socket: Socket, name: K, payload: Omit<CommandPayload<K>, 'requestId'>) {
  return request(socket as unknown as AckEmitter, name, { requestId: newRequestId(), ...payload } as CommandPayload<K>, ACK_TIMEOUT_MS);
}

function open(url: string, role: ClientRole, credential: string): Promise<Socket> {
  const auth = role === 'public' ? { protocolVersion: PROTOCOL_VERSION, ticketId: credential, role } : { protocolVersion: PROTOCOL_VERSION, token: credential, role };
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  if (role === 'display') {
    const received = (ticketId: string, at: bigint) => {
      const r = receipts.get(ticketId);
      if (r) {
        r.count++;
        r.last = at;
      } else receipts.set(ticketId, { count: 1, last: at });
    };
    socket.on('ticket:called', (msg: { call: { ticketId: string } }) => received(msg.call.ticketId, now()));
    // A turn's broadcasts in one message (docs/PROTOCOL.md, `batch`): each call in it arrived with it.
    socket.on('batch', (msg: { messages: { event: string; payload: { call?: { ticketId: string } } }[] }) => {
      const at = now();
      for (const { event, payload } of msg.messages) if (event === 'ticket:called' && payload.call) received(payload.call.ticketId, at);
    });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} got no snapshot within 30 s`)), 30_000);
    socket.once('snapshot', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function firstKiosk(): Client {
  const kiosk = clients.kiosk[0];
  if (!kiosk) throw new Error('no kiosk connected');
  return kiosk;
}

async function issueOne(socket: Socket, serviceId: string) {
  const emitAt = now();
  const res = await send(socket, 'ticket:issue', { serviceId, language: 'lv', priorityReasonId: null });
  const ackAt = now();
  return { emitAt, ackAt, res };
}

let reportsLoop: { stop: boolean; done: Promise<number[]> } | null = null;

/** One timed request of a branch at work: hrtime strings, and whether it succeeded. */
export interface WorkSample {
  emitAt: string;
  doneAt: string;
  ok: boolean;
  /** Why it failed (`CODE (service …): message` for an issue; a timed-out ack is INTERNAL); absent when ok. */
  error?: string;
}

export interface BranchWork {
  issues: WorkSample[];
  /** Calls by ticket id, to be matched with the displays' receipts. */
  calls: { ticketId: string; emitAt: string }[];
  failedCalls: number;
  health: WorkSample[];
}

let branchWork: { stop: boolean; done: Promise<BranchWork>; work: BranchWork } | null = null;

/** One issue as a work sample: a refusal keeps its code, message and service, for the run to fail on. */
async function issueSample(socket: Socket, serviceId: string): Promise<WorkSample> {
  const { emitAt, ackAt, res } = await issueOne(socket, serviceId);
  const sample = { emitAt: String(emitAt), doneAt: String(ackAt), ok: res.ok };
  return res.ok ? sample : { ...sample, error: `${res.error.code} (service ${serviceId}): ${res.error.message}` };
}

/** Waits until `at` (hrtime) or until told to stop. */
async function paceUntil(at: bigint, state: { stop: boolean }): Promise<void> {
  while (!state.stop && now() < at) await sleep(Math.min(20, Math.max(1, Number(at - now()) / 1e6)));
}

async function timedHealth(url: string): Promise<WorkSample> {
  const emitAt = now();
  const ok = await fetch(new URL('/api/health', url), { cache: 'no-store' }).then(
    async (res) => (await res.arrayBuffer(), res.ok),
    () => false,
  );
  return { emitAt: String(emitAt), doneAt: String(now()), ok };
}

serveWorker({
  async connect(params: ConnectParams) {
    for (let i = 0; i < params.credentials.length; i += CONNECT_BATCH) {
      const batch = params.credentials.slice(i, i + CONNECT_BATCH);
      const sockets = await Promise.all(batch.map((c) => open(params.url, params.role, c)));
      sockets.forEach((socket, j) => clients[params.role].push({ socket, counterId: params.counterIds?.[i + j] }));
    }
    return clients[params.role].length;
  },

  async signIn() {
    const results = await Promise.all(clients.teller.map((t) => send(t.socket, 'counter:signIn', { counterId: t.counterId! })));
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(`sign-in failed: ${JSON.stringify(failed[0])}`);
    return results.length;
  },

  /** Every teller presses "call next" at the same instant: the emits go out back to back, then the acks are awaited. */
  async callRound(): Promise<CallSample[]> {
    const pending = clients.teller.map((t) => {
      const emitAt = now();
      return send(t.socket, 'ticket:callNext', { counterId: t.counterId! }).then((res) => ({ emitAt, ackAt: now(), res }));
    });
    return (await Promise.all(pending)).map(({ emitAt, ackAt, res }) => ({
      ticketId: res.ok ? res.data.ticket.id : null,
      emitAt: String(emitAt),
      ackAt: String(ackAt),
      ...(res.ok ? {} : { error: `${res.error.code}: ${res.error.message}` }),
    }));
  },

  async signOut() {
    await Promise.all(clients.teller.map((t) => send(t.socket, 'counter:signOut', { counterId: t.counterId! })));
    return null;
  },

  async finishAll() {
    await Promise.all(clients.teller.map((t) => send(t.socket, 'ticket:finish', { counterId: t.counterId! })));
    return null;
  },

  /** Waits until every display of this process received each call; the time the last one did, per ticket. */
  async receipts(params: { ticketIds: string[]; timeoutMs: number }) {
    const expected = clients.display.length;
    const deadline = Date.now() + params.timeoutMs;
    const complete = () => params.ticketIds.every((id) => (receipts.get(id)?.count ?? 0) >= expected);
    while (!complete() && Date.now() < deadline) await sleep(2);
    const out: Record<string, string | null> = {};
    for (const id of params.ticketIds) {
      const r = receipts.get(id);
      out[id] = r && r.count >= expected ? String(r.last) : null;
      receipts.delete(id);
    }
    return out;
  },

  /** Fills the queue before a round: sequential issues from the first kiosk (not timed). */
  async issue(params: { count: number; serviceId: string }) {
    const ids: string[] = [];
    for (let i = 0; i < params.count; i++) {
      const { res } = await issueOne(firstKiosk().socket, params.serviceId);
      if (!res.ok) throw new Error(`issue failed: ${res.error.code} ${res.error.message}`);
      ids.push(res.data.ticket.id);
    }
    return ids;
  },

  /** Fills the queue from every kiosk at once, `perKiosk` each (within a kiosk's burst); the ticket ids. */
  async prefill(params: { perKiosk: number; serviceId: string }) {
    const lists = await Promise.all(
      clients.kiosk.map(async (k) => {
        const ids: string[] = [];
        for (let i = 0; i < params.perKiosk; i++) {
          const { res } = await issueOne(k.socket, params.serviceId);
          if (!res.ok) throw new Error(`issue failed: ${res.error.code} ${res.error.message}`);
          ids.push(res.data.ticket.id);
        }
        return ids;
      }),
    );
    return lists.flat();
  },

  /** Every kiosk issues continuously (the next request as soon as the last is acked) for durationMs. */
  /** Each kiosk issues flat out, taking the services in turn (no service reaches 5000 walk-ins a day). */
  async issueLoop(params: { durationMs: number; serviceIds: string[] }) {
    const end = now() + BigInt(Math.round(params.durationMs * 1e6));
    const latencies: number[] = [];
    let failed = 0;
    const started = now();
    await Promise.all(
      clients.kiosk.map(async (k, i) => {
        for (let n = i; now() < end; n++) {
          const { emitAt, ackAt, res } = await issueOne(k.socket, params.serviceIds[n % params.serviceIds.length]!);
          if (res.ok) latencies.push(Number(ackAt - emitAt) / 1e6);
          else failed++;
        }
      }),
    );
    return { latencies, failed, elapsedMs: Number(now() - started) / 1e6 };
  },

  /** One kiosk issues `count` tickets one after another, `gapMs` apart (printing benchmark). */
  async issueSequence(params: { count: number; gapMs: number; serviceId: string }) {
    const out: { emitAt: string; ackAt: string; print: string }[] = [];
    for (let i = 0; i < params.count; i++) {
      const { emitAt, ackAt, res } = await issueOne(firstKiosk().socket, params.serviceId);
      if (!res.ok) throw new Error(`issue failed: ${res.error.code} ${res.error.message}`);
      out.push({ emitAt: String(emitAt), ackAt: String(ackAt), print: res.data.print.status });
      await sleep(params.gapMs);
    }
    return out;
  },

  /** The printing floor: this process sends the same ticket straight to the printer, no server in between. */
  async printDirect(params: { printerUrl: string; count: number; gapMs: number }) {
    const emits: string[] = [];
    for (let i = 0; i < params.count; i++) {
      emits.push(String(now()));
      const report = await printTicket({ issued: sampleIssuedTicket(), config: demoBranchConfig, profile: { paperWidthMm: 80 } }, params.printerUrl);
      if (!report.printed) throw new Error(`direct print failed: ${report.reason}`);
      await sleep(params.gapMs);
    }
    return emits;
  },

  /** A working branch for the memory figure: kiosks issue, tellers call and finish, for durationMs. */
  async work(params: { durationMs: number; serviceId: string; issueEveryMs: number; serveEveryMs: number }) {
    const endAt = Date.now() + params.durationMs;
    let issued = 0;
    let called = 0;
    const kiosks = async () => {
      for (let i = 0; Date.now() < endAt; i++) {
        const k = clients.kiosk[i % clients.kiosk.length];
        if (k && (await issueOne(k.socket, params.serviceId)).res.ok) issued++;
        await sleep(params.issueEveryMs);
      }
    };
    const tellers = async () => {
      for (let i = 0; Date.now() < endAt; i++) {
        const t = clients.teller[i % clients.teller.length];
        if (t) {
          await send(t.socket, 'ticket:finish', { counterId: t.counterId! });
          if ((await send(t.socket, 'ticket:callNext', { counterId: t.counterId! })).ok) called++;
        }
        await sleep(params.serveEveryMs);
      }
    };
    await Promise.all([kiosks(), tellers()]);
    return { issued, called };
  },

  /** Managers' reports, one after another, until stopReports: what a busy back office does to the live path. */
  startReports(params: { url: string; token: string; paths: string[] }) {
    const state = { stop: false, done: Promise.resolve([] as number[]) };
    state.done = (async () => {
      const times: number[] = [];
      for (let i = 0; !state.stop; i++) {
        const started = now();
        const res = await fetch(new URL(params.paths[i % params.paths.length]!, params.url), { headers: { authorization: `Bearer ${params.token}` } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`report ${params.paths[i % params.paths.length]} answered ${res.status}`);
        times.push(Number(now() - started) / 1e6);
      }
      return times;
    })();
    reportsLoop = state;
    return null;
  },

  async stopReports() {
    if (!reportsLoop) return [];
    reportsLoop.stop = true;
    const times = await reportsLoop.done;
    reportsLoop = null;
    return times;
  },

  /**
   * A branch at its ordinary work until stopBranchWork: every kiosk issues every `issueEveryMs` (staggered),
   * taking `serviceIds` in turn (kiosk i starting at the i-th), the tellers call next together every
   * `callEveryMs` and then finish, and /api/health is asked every `healthEveryMs`. The first `spareKiosks`
   * kiosks and `spareTellers` tellers are left out, for probe(). A refused issue is kept with its reason
   * (refusedIssues()): the caller fails the run on it.
   */
  startBranchWork(params: { url: string; serviceIds: string[]; issueEveryMs: number; callEveryMs: number; healthEveryMs: number; spareKiosks: number; spareTellers: number }) {
    if (params.serviceIds.length === 0) throw new Error('startBranchWork: no service to issue tickets of');
    const work: BranchWork = { issues: [], calls: [], failedCalls: 0, health: [] };
    const state = { stop: false, done: Promise.resolve(work), work };
    const ms = (x: number) => BigInt(Math.round(x * 1e6));
    const kiosks = clients.kiosk.slice(params.spareKiosks);
    const tellers = clients.teller.slice(params.spareTellers);
    const kioskLoops = kiosks.map(async (k, i) => {
      let next = now() + ms((params.issueEveryMs * i) / kiosks.length);
      for (let n = i; !state.stop; n++) {
        await paceUntil(next, state);
        if (state.stop) break;
        next += ms(params.issueEveryMs);
        work.issues.push(await issueSample(k.socket, params.serviceIds[n % params.serviceIds.length]!));
      }
    });
    const tellerLoop = (async () => {
      let next = now();
      while (!state.stop) {
        await paceUntil(next, state);
        if (state.stop) break;
        next += ms(params.callEveryMs);
        const round = await Promise.all(
          tellers.map(async (t) => {
            const emitAt = now();
            return { emitAt, res: await send(t.socket, 'ticket:callNext', { counterId: t.counterId! }) };
          }),
        );
        for (const { emitAt, res } of round) {
          if (res.ok) work.calls.push({ ticketId: res.data.ticket.id, emitAt: String(emitAt) });
          else work.failedCalls++;
        }
        await Promise.all(tellers.map((t) => send(t.socket, 'ticket:finish', { counterId: t.counterId! })));
      }
    })();
    const healthLoop = (async () => {
      let next = now();
      while (!state.stop) {
        await paceUntil(next, state);
        if (state.stop) break;
        next += ms(params.healthEveryMs);
        work.health.push(await timedHealth(params.url));
      }
    })();
    state.done = Promise.all([...kioskLoops, tellerLoop, healthLoop]).then(() => work);
    branchWork = state;
    return null;
  },

  /** The reasons of the ordinary work's refused issues so far (empty while every issue was answered OK). */
  refusedIssues(): string[] {
    if (!branchWork) throw new Error('no branch work running');
    return branchWork.work.issues.flatMap((s) => (s.ok ? [] : [s.error ?? 'refused']));
  },

  async stopBranchWork(): Promise<BranchWork> {
    if (!branchWork) throw new Error('no branch work running');
    branchWork.stop = true;
    const work = await branchWork.done;
    branchWork = null;
    return work;
  },

  /**
   * One of each at once, from the spare kiosk and teller: an issue, a call (to be matched with the
   * displays' receipts), a health check. How long after a flood the branch answers as before.
   */
  async probe(params: { url: string; serviceId: string }) {
    const kiosk = firstKiosk();
    const teller = clients.teller[0];
    if (!teller) throw new Error('no spare teller connected');
    const [issued, call, health] = await Promise.all([
      issueSample(kiosk.socket, params.serviceId),
      (async () => {
        const emitAt = now();
        const res = await send(teller.socket, 'ticket:callNext', { counterId: teller.counterId! });
        return { emitAt: String(emitAt), ticketId: res.ok ? res.data.ticket.id : null, error: res.ok ? null : `${res.error.code}: ${res.error.message}` };
      })(),
      timedHealth(params.url),
    ]);
    // The counter is freed for the next probe (not timed).
    await send(teller.socket, 'ticket:finish', { counterId: teller.counterId! });
    return { issued, call, health };
  },

  async close() {
    for (const list of Object.values(clients)) {
      for (const c of list) c.socket.close();
      list.length = 0;
    }
    receipts.clear();
    return null;
  },
});
