import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  currentBusinessDay,
  counterStatusOf,
  newRequestId,
  queueSummaries,
  TicketTable,
  waitingTickets,
  type CommandName,
  type CommandPayload,
  type QueueState,
  type Result,
  type Ticket,
  type TransferPosition,
} from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../../../../tests/support/start-branch';
import { loadQueueState, WAITING_LOOK_BACK_DAYS } from './hydrate';

/*
 * One description of state, held to itself: the rules' state in memory (applyEvent) and the state hydrate.ts
 * rebuilds from SQL (written by event-store.ts) are written by hand twice. Random command sequences go through
 * the real pipeline (real sockets, a real SQLite file, a manual clock crossing business days), and after every
 * step the state a restart would load must equal the one in memory, in every field the rules read.
 */

/** 22:00 in Riga on a Tuesday: the business day (dayStart 04:00) changes six hours in. */
const START = Date.parse('2026-03-10T20:00:00Z');
const DAY_MS = 86_400_000;
const COUNTERS = ['c1', 'c2', 'c3', 'c4'] as const;
/** Each teller's own counter (both serve cash and accounts), where a run starts them signed in. */
const OWN_COUNTERS = ['c1', 'c3'] as const;
/** Repeats weight the draw; loans has opening hours (closed at night), ghost does not exist. */
const SERVICES = ['cash', 'cash', 'cash', 'accounts', 'accounts', 'loans', 'business', 'ghost'] as const;
const PRIORITY_REASONS = [null, null, 'senior', 'disability'] as const;
const PAUSE_REASONS = ['break', 'meeting', 'nap'] as const;
const POSITIONS: TransferPosition[] = ['front', 'back', 'arrival'];
/** `next`: what the counter's state calls for (sign in, resume, call, start, finish), so most days move on. */
const TELLER_ACTIONS = [
  'next', 'next', 'next', 'next', 'next', 'next', 'next', 'next', 'callNext', 'call', 'recall', 'recall', 'start', 'finish',
  'noShow', 'noShow', 'reactivate', 'reactivate', 'transfer', 'transfer', 'signIn', 'pause', 'resume', 'signOut',
] as const;

type Step =
  | { kind: 'issue'; service: number; reason: number }
  | { kind: 'teller'; teller: number; counter: number; action: (typeof TELLER_ACTIONS)[number]; pick: number; toCounter: boolean; target: number; position: number }
  | { kind: 'cancel'; teller: number; pick: number }
  | { kind: 'stepBack'; pick: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'nextDay' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.nat(SERVICES.length - 1), reason: fc.nat(PRIORITY_REASONS.length - 1) }) },
  {
    weight: 24,
    arbitrary: fc.record({
      kind: fc.constant('teller' as const),
      teller: fc.nat(1),
      // -1: the teller's own counter, so most commands get through; sometimes another one, to be refused.
      counter: fc.oneof({ weight: 6, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(COUNTERS.length - 1) }),
      action: fc.constantFrom(...TELLER_ACTIONS),
      pick: fc.nat(50),
      toCounter: fc.boolean(),
      target: fc.nat(SERVICES.length - 1),
      position: fc.nat(POSITIONS.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), teller: fc.nat(1), pick: fc.nat(50) }) },
  // "I need more time" from a waiting ticket's status page: moves its queueKey and its overdue clock.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stepBack' as const), pick: fc.nat(50) }) },
  // Seconds mostly; sometimes past the reactivation window (15 min) or the overdue threshold (15 min).
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.oneof(fc.nat(90_000), fc.integer({ min: 60_000, max: 40 * 60_000 })) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextDay' as const }) },
);

/** The state as the rules read it: tickets by id, every configured counter, numbering and the wait estimate's history. */
function asTheRulesReadIt(state: QueueState, now: number) {
  const { config } = state;
  const reactivatableSince = now - config.noShow.reactivateWindowMin * 60_000;
  const lookBackFrom = addDays(currentBusinessDay(config, now), -WAITING_LOOK_BACK_DAYS);
  // Two differences by design, documented: no-shows past their reactivation window (memory drops them with the
  // next event, hydration skips them), and tickets left waiting further back than hydration looks (memory holds
  // them until the day boundary closes them). Those of the days in between are in both.
  const tickets = state.tickets
    .values()
    .filter((t) => !(t.state === 'no_show' && (t.endedAt ?? now) < reactivatableSince) && !(t.state === 'waiting' && t.businessDay < lookBackFrom))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    tickets,
    counters: config.counters.map((c) => counterStatusOf(state, c.id)),
    lastNumbers: state.lastNumbers,
    waitHistory: state.waitHistory,
    // What the ticket table's index answers (maintained step by step in memory, built at once by hydration).
    queues: queueSummaries(state, now).map(({ wait: _wait, ...queue }) => queue),
    // The waits told, from a wait board built afresh for the state. (The board is a memo: after a kiosk's ticket
    // the server appends the ticket to the board it has instead of building one, which draws its futures in
    // another order than a fresh board would, until the board is rebuilt, at the latest 20 s later.)
    waits: queueSummaries({ ...state, tickets: TicketTable.of(state.tickets.values()) }, now).map((q) => q.wait),
    waitingAt: config.counters.map((c) => waitingTickets(state, now, c.id).map((t) => t.id)),
  };
}

describe('memory and SQL hold the same state', () => {
  let template: string;
  const tokens = { kiosk: '', tellers: ['', ''] };

  beforeAll(async () => {
    // One branch file with a kiosk and two tellers signed in, copied for each run (argon2 once, not per run).
    template = mkdtempSync(join(tmpdir(), 'rinda-equivalence-'));
    const branch = await startBranch({ clock: 'manual', startAt: START, features: [], dataDir: template });
    tokens.kiosk = await branch.deviceToken('kiosk');
    tokens.tellers = [await branch.userToken('teller', 'anna'), await branch.userToken('teller', 'bob')];
    // The sessions outlive the days a run walks through (12 h by default).
    branch.ctx.db.prepare('UPDATE sessions SET expires_at = ?').run(START + 100 * DAY_MS);
    await branch.stop();
  });
  afterAll(() => rmSync(template, { recursive: true, force: true }));

  it('after every command of a random sequence, the state hydrated from SQL equals the one in memory', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 30, maxLength: 70 }), async (steps) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'rinda-equivalence-run-'));
        cpSync(template, dataDir, { recursive: true });
        const branch = await startBranch({ clock: 'manual', startAt: START, features: [], dataDir });
        try {
          const kiosk = await branch.connect({ token: tokens.kiosk });
          const tellers = await Promise.all(tokens.tellers.map((token) => branch.connect({ token })));
          for (const [i, counterId] of OWN_COUNTERS.entries()) await branch.request(tellers[i]!, 'counter:signIn', { requestId: newRequestId(), counterId });
          for (const s of steps) {
            const result = await run(branch, kiosk, tellers, s);
            // A refusal is fine; INTERNAL means persisting and applying disagreed inside the pipeline.
            if (result && !result.ok) expect(result.error.code, JSON.stringify(s)).not.toBe('INTERNAL');
            const now = branch.clock.now();
            const memory = branch.ctx.state();
            const hydrated = loadQueueState(branch.ctx.db, branch.ctx.config(), now);
            expect(asTheRulesReadIt(hydrated, now), JSON.stringify(s)).toEqual(asTheRulesReadIt(memory, now));
          }
        } finally {
          await branch.stop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});

/** What a teller at this counter would do next. */
function nextAction(state: QueueState, counterId: string): Exclude<(typeof TELLER_ACTIONS)[number], 'next'> {
  const counter = counterStatusOf(state, counterId);
  if (counter.state === 'closed') return 'signIn';
  if (counter.state === 'paused') return 'resume';
  const active = counter.activeTicketId === null ? undefined : state.tickets.get(counter.activeTicketId);
  if (!active) return 'callNext';
  return active.state === 'called' ? 'start' : 'finish';
}

/** One step: a command through a real socket (its ack), or the clock moved. */
async function run(branch: Branch, kiosk: BranchSocket, tellers: BranchSocket[], s: Step): Promise<Result<unknown> | null> {
  const send = <K extends CommandName>(socket: BranchSocket, name: K, payload: CommandPayload<K>) => branch.request(socket, name, payload);
  const requestId = newRequestId();
  const tickets = branch.ctx.state().tickets.values().sort((a, b) => (a.id < b.id ? -1 : 1));
  /** A ticket in the given state when there is one (so the command can get through), else any, else none. */
  const pick = (n: number, state: Ticket['state']) => {
    const candidates = tickets.filter((t) => t.state === state);
    const from = candidates.length > 0 ? candidates : tickets;
    return from[n % Math.max(1, from.length)]?.id ?? 'no-such-ticket';
  };
  switch (s.kind) {
    case 'advance':
      branch.clock.advance(s.ms);
      return null;
    case 'nextDay':
      // To a minute after the next business day starts (04:00 in Riga, UTC+2 in March).
      branch.clock.set(Math.floor((branch.clock.now() - 2 * 3_600_000) / DAY_MS) * DAY_MS + DAY_MS + 2 * 3_600_000 + 60_000);
      return null;
    case 'issue':
      return send(kiosk, 'ticket:issue', { requestId, serviceId: SERVICES[s.service] ?? 'cash', language: 'en', priorityReasonId: PRIORITY_REASONS[s.reason] ?? null });
    case 'cancel':
      return send(tellers[s.teller]!, 'ticket:cancel', { requestId, ticketId: pick(s.pick, 'waiting') });
    case 'stepBack': {
      const ticketId = pick(s.pick, 'waiting');
      if (ticketId === 'no-such-ticket') return null;
      const phone = await branch.connect({ ticketId });
      try {
        return await send(phone, 'ticket:stepBack', { requestId });
      } finally {
        phone.disconnect();
      }
    }
    case 'teller': {
      const socket = tellers[s.teller]!;
      const counterId = (s.counter === -1 ? OWN_COUNTERS[s.teller] : COUNTERS[s.counter]) ?? 'c1';
      switch (s.action === 'next' ? nextAction(branch.ctx.state(), counterId) : s.action) {
        case 'call':
          return send(socket, 'ticket:call', { requestId, counterId, ticketId: pick(s.pick, 'waiting') });
        case 'reactivate':
          return send(socket, 'ticket:reactivate', { requestId, counterId, ticketId: pick(s.pick, 'no_show') });
        case 'transfer': {
          const target = s.toCounter
            ? ({ kind: 'counter', counterId: COUNTERS[s.target % COUNTERS.length] ?? 'c1' } as const)
            : ({ kind: 'service', serviceId: SERVICES[s.target] ?? 'cash' } as const);
          return send(socket, 'ticket:transfer', { requestId, counterId, target, position: POSITIONS[s.position] ?? 'back' });
        }
        case 'pause':
          return send(socket, 'counter:pause', { requestId, counterId, reasonId: PAUSE_REASONS[s.pick % PAUSE_REASONS.length] ?? 'break' });
        case 'callNext':
          return send(socket, 'ticket:callNext', { requestId, counterId });
        case 'recall':
          return send(socket, 'ticket:recall', { requestId, counterId });
        case 'start':
          return send(socket, 'ticket:start', { requestId, counterId });
        case 'finish':
          return send(socket, 'ticket:finish', { requestId, counterId });
        case 'noShow':
          return send(socket, 'ticket:noShow', { requestId, counterId });
        case 'signIn':
          return send(socket, 'counter:signIn', { requestId, counterId });
        case 'resume':
          return send(socket, 'counter:resume', { requestId, counterId });
        case 'signOut':
          return send(socket, 'counter:signOut', { requestId, counterId });
      }
    }
  }
}
