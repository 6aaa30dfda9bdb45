import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BranchConfig } from '../config/branch-config';
import { DomainEvent } from '../domain/events';
import type { Ticket, TransferPosition } from '../domain/ticket';
import { businessDayOf } from '../time/business-day';
import { applyEvent } from './apply-event';
import { decide } from './decide';
import { createQueueState } from './queue-state';
import { testConfig } from './test-kit';
import { TicketTable } from './ticket-table';
import type { Command, QueueState } from './types';

/*
 * Model test: random command sequences from several counters and tellers, with an advancing clock, go through
 * decide + applyEvent exactly as the server runs them. After every step the invariants must hold, and every
 * successful "call next" must pick what the reference policy below says.
 */

const COUNTERS = ['c1', 'c2', 'c3', 'c4'] as const;
const TELLERS = ['t1', 't2', 't3', 't4', 't5'] as const;
/** Repeats weight the draw: mostly the busy services, sometimes one with opening hours or none at all. */
const SERVICES = ['cash', 'cash', 'cash', 'accounts', 'accounts', 'loans', 'business', 'ghost'] as const;
const REASONS = [null, null, null, 'senior', 'senior', 'disability', 'unknown'] as const;
const POSITIONS: TransferPosition[] = ['front', 'back', 'arrival'];
/** Clock starts: an ordinary morning, and the evenings before Riga's 2026 daylight-saving changes. */
const STARTS = [Date.UTC(2026, 10, 25, 6, 0), Date.UTC(2026, 2, 28, 20, 0), Date.UTC(2026, 9, 24, 20, 0)];

type Step = {
  kind: Command['type'];
  counter: number;
  /** -1: the teller signed in at the counter (so most commands get through); else one of TELLERS. */
  teller: number;
  service: number;
  reason: number;
  ticket: number;
  targetCounter: boolean;
  position: number;
  advanceMs: number;
};

/** Repeats weight the draw towards the busy path: issue, call next, finish. */
const KINDS: Command['type'][] = [
  'issue', 'issue', 'issue', 'issue', 'issue', 'callNext', 'callNext', 'callNext', 'callNext', 'callTicket', 'recall', 'start',
  'finish', 'finish', 'finish', 'noShow', 'reactivate', 'transfer', 'cancel', 'signIn', 'pause', 'resume', 'signOut',
];

/** Every run starts with each counter signed in by its own teller. */
const OPEN_COUNTER: Step = { kind: 'signIn', counter: 0, teller: -1, service: 0, reason: 0, ticket: 0, targetCounter: false, position: 0, advanceMs: 0 };

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...KINDS),
  counter: fc.nat(COUNTERS.length - 1),
  teller: fc.oneof({ weight: 4, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(TELLERS.length - 1) }),
  service: fc.nat(SERVICES.length - 1),
  reason: fc.nat(REASONS.length - 1),
  ticket: fc.nat(1000),
  targetCounter: fc.boolean(),
  position: fc.nat(POSITIONS.length - 1),
  advanceMs: fc.oneof({ weight: 12, arbitrary: fc.nat(8 * 60_000) }, { weight: 1, arbitrary: fc.nat(5 * 3_600_000) }),
});

const policy = fc.record({
  priority: fc.nat(3),
  normal: fc.nat(3),
  maxNormalWaitMin: fc.integer({ min: 1, max: 30 }),
});

const scenario = fc.record({
  policy,
  maxRecalls: fc.nat(2),
  reactivateWindowMin: fc.integer({ min: 0, max: 20 }),
  dayStart: fc.constantFrom('00:00', '03:30', '04:00'),
  start: fc.constantFrom(...STARTS),
  steps: fc.array(step, { minLength: 40, maxLength: 160 }),
});

function toCommand(s: Step, state: QueueState, issued: string[]): Command {
  const counterId = COUNTERS[s.counter] ?? 'c1';
  const holder = state.counters[counterId]?.tellerId ?? null;
  const tellerId = s.teller === -1 ? (holder ?? TELLERS[s.counter] ?? 't1') : (TELLERS[s.teller] ?? 't1');
  const ticketId = issued.length === 0 ? 'missing-ticket-id' : (issued[s.ticket % issued.length] ?? 'x');
  const at = { counterId, tellerId };
  switch (s.kind) {
    case 'issue':
      return { type: 'issue', serviceId: SERVICES[s.service] ?? 'cash', language: 'lv', priorityReasonId: REASONS[s.reason] ?? null };
    case 'callTicket':
    case 'reactivate':
      return { type: s.kind, ...at, ticketId };
    case 'transfer':
      return {
        type: 'transfer',
        ...at,
        target: s.targetCounter ? { kind: 'counter', counterId: COUNTERS[s.service % COUNTERS.length] ?? 'c1' } : { kind: 'service', serviceId: SERVICES[s.service] ?? 'cash' },
        position: POSITIONS[s.position] ?? 'back',
      };
    case 'cancel':
      return { type: 'cancel', ticketId, byUserId: null };
    case 'pause':
      return { type: 'pause', ...at, reasonId: s.reason % 2 === 0 ? 'break' : 'nap' };
    default:
      return { type: s.kind, ...at } as Command;
  }
}

/** The policy, restated as plainly as possible, with its own record of each counter's ratio cycle. */
class ReferencePolicy {
  private cycles = new Map<string, { p: number; n: number }>();

  constructor(private config: BranchConfig) {}

  expectedNext(state: QueueState, counterId: string, now: number): { id: string; countsInCycle: boolean } | null {
    const counter = this.config.counters.find((c) => c.id === counterId);
    if (!counter) return null;
    const today = businessDayOf(now, this.config.branch.timeZone, this.config.branch.dayStart);
    const eligible = state.tickets.values().filter(
      (t) => t.state === 'waiting' && businessDayOf(t.legStartedAt, this.config.branch.timeZone, this.config.branch.dayStart) === today && (t.targetCounterId !== null ? t.targetCounterId === counterId : counter.serviceIds.includes(t.legServiceId)),
    );
    if (eligible.length === 0) return null;
    const byWait = (a: Ticket, b: Ticket) => a.queueKey - b.queueKey || (a.id < b.id ? -1 : 1);
    const { priority, normal, maxNormalWaitMin } = this.config.priorityPolicy;
    const P = eligible.filter((t) => t.priorityReasonId !== null).sort(byWait);
    const N = eligible.filter((t) => t.priorityReasonId === null).sort(byWait);
    const both = P.length > 0 && N.length > 0;
    const overdue = eligible.filter((t) => now - t.legStartedAt >= maxNormalWaitMin * 60_000).sort(byWait);
    if (overdue[0]) return { id: overdue[0].id, countsInCycle: both };
    if (!both) return { id: (P[0] ?? N[0])!.id, countsInCycle: false };
    if (priority === 0 && normal === 0) return { id: byWait(P[0]!, N[0]!) <= 0 ? P[0]!.id : N[0]!.id, countsInCycle: true };
    const c = this.cycle(counterId);
    return { id: c.p < priority ? P[0]!.id : N[0]!.id, countsInCycle: true };
  }

  called(counterId: string, wasPriority: boolean): void {
    const c = this.cycle(counterId);
    const next = wasPriority ? { p: c.p + 1, n: c.n } : { p: c.p, n: c.n + 1 };
    this.cycles.set(counterId, next);
  }

  signedIn(counterId: string): void {
    this.cycles.set(counterId, { p: 0, n: 0 });
  }

  /** Current position, a completed cycle starting over. */
  private cycle(counterId: string): { p: number; n: number } {
    const { priority, normal } = this.config.priorityPolicy;
    const c = this.cycles.get(counterId) ?? { p: 0, n: 0 };
    return c.p >= priority && c.n >= normal ? { p: 0, n: 0 } : c;
  }
}

/** Freezes every plain object reachable, and every ticket a ticket table holds (its versions are immutable by design). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of value instanceof TicketTable ? value.values() : Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A state with its tickets as a plain list by id, for comparing states. */
function contents(state: QueueState) {
  return { ...state, tickets: state.tickets.values().sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

function checkInvariants(state: QueueState): void {
  const holders = new Map<string, string>();
  for (const c of Object.values(state.counters)) {
    if (c.activeTicketId === null) continue;
    // never the same ticket active at two counters
    expect(holders.has(c.activeTicketId), `ticket ${c.activeTicketId} active at ${holders.get(c.activeTicketId)} and ${c.counterId}`).toBe(false);
    holders.set(c.activeTicketId, c.counterId);
    const t = state.tickets.get(c.activeTicketId);
    expect(t?.state === 'called' || t?.state === 'serving', `counter ${c.counterId} holds a ${t?.state} ticket`).toBe(true);
    expect(t?.counterId).toBe(c.counterId);
    expect(c.state).not.toBe('closed');
  }
  // a counter holds at most one active ticket: every called/serving ticket is the active one of its counter
  for (const t of state.tickets.values()) {
    if (t.state === 'called' || t.state === 'serving') expect(holders.get(t.id), `${t.displayNumber} is ${t.state} but held by no counter`).toBe(t.counterId);
  }
  const signedIn = Object.values(state.counters).filter((c) => c.state !== 'closed').map((c) => c.tellerId);
  expect(new Set(signedIn).size, 'a teller signed in at two counters').toBe(signedIn.length);
}

/** Runs commands like the server does and checks every invariant and every "call next" along the way. */
class ModelRun {
  state: QueueState;
  readonly issued: string[] = [];
  private readonly numbers = new Set<string>();
  private readonly reference: ReferencePolicy;
  private ids = 0;

  constructor(readonly config: BranchConfig, public now: number) {
    this.state = deepFreeze(createQueueState(config));
    this.reference = new ReferencePolicy(config);
  }

  run(command: Command): void {
    const expected = command.type === 'callNext' ? this.reference.expectedNext(this.state, command.counterId, this.now) : null;
    const result = decide(this.state, command, { now: this.now, newId: () => `id-${String(++this.ids).padStart(13, '0')}` });
    if (!result.ok) {
      if (command.type === 'callNext' && result.error.code === 'QUEUE_EMPTY') expect(expected).toBeNull();
      return;
    }
    for (const event of result.data) {
      expect(DomainEvent.safeParse(event).success, `${event.type} matches the event schema`).toBe(true);
      if (event.type === 'ticket.issued') {
        const key = `${event.ticket.businessDay}|${event.ticket.serviceId}|${event.ticket.number}`;
        expect(this.numbers.has(key), `number ${key} issued twice`).toBe(false);
        this.numbers.add(key);
        this.issued.push(event.ticket.id);
      }
      if (event.type === 'ticket.called') {
        expect(this.state.tickets.get(event.ticketId)?.state, 'only a waiting ticket is called').toBe('waiting');
        if (!event.specific) {
          expect(event.ticketId, 'call next picks what the policy says').toBe(expected?.id);
          if (expected?.countsInCycle) this.reference.called(event.counterId, this.state.tickets.get(event.ticketId)?.priorityReasonId !== null);
        }
      }
      if (event.type === 'counter.signedIn') this.reference.signedIn(event.counterId);
      // The ticket table's index moves with it from event to event; a table built afresh from the same tickets
      // indexes them in one go: both must give the same state. Applying to the older state afterwards reads an
      // older version of the table, which must give the same state again.
      const before = this.state;
      const rebuilt = applyEvent({ ...before, tickets: TicketTable.of(before.tickets.values()) }, event);
      this.state = deepFreeze(applyEvent(before, event));
      expect(contents(this.state)).toEqual(contents(rebuilt));
      expect(contents(applyEvent(before, event))).toEqual(contents(this.state));
    }
    checkInvariants(this.state);
  }
}

function configFor(sc: { policy: BranchConfig['priorityPolicy']; maxRecalls: number; reactivateWindowMin: number; dayStart: string }): BranchConfig {
  return deepFreeze(
    testConfig((c) => {
      c.priorityPolicy = sc.policy;
      c.noShow = { maxRecalls: sc.maxRecalls, reactivateWindowMin: sc.reactivateWindowMin };
      c.branch.dayStart = sc.dayStart;
    }),
  );
}

describe('queue rules model', () => {
  it('never calls one ticket to two counters, never gives a counter two tickets, never repeats a number, and calls as the policy says', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const model = new ModelRun(configFor(sc), sc.start);
        const opening: Step[] = COUNTERS.map((_, counter) => ({ ...OPEN_COUNTER, counter }));
        for (const s of [...opening, ...sc.steps]) {
          model.now += s.advanceMs;
          model.run(toCommand(s, model.state, model.issued));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('follows the priority ratio and the maximum wait under a steady load at two counters', () => {
    const busyStep = fc.record({
      serve: fc.boolean(),
      counter: fc.constantFrom('c1', 'c2'),
      service: fc.constantFrom('cash', 'cash', 'accounts'),
      priority: fc.boolean(),
      transfer: fc.nat(9),
      advanceMs: fc.nat(4 * 60_000),
    });
    fc.assert(
      fc.property(scenario, fc.array(busyStep, { minLength: 40, maxLength: 120 }), (sc, steps) => {
        const model = new ModelRun(configFor(sc), sc.start);
        model.run({ type: 'signIn', counterId: 'c1', tellerId: 't1' });
        model.run({ type: 'signIn', counterId: 'c2', tellerId: 't2' });
        for (const s of steps) {
          model.now += s.advanceMs;
          if (!s.serve) {
            model.run({ type: 'issue', serviceId: s.service, language: 'en', priorityReasonId: s.priority ? 'senior' : null });
            continue;
          }
          const at = { counterId: s.counter, tellerId: s.counter === 'c1' ? 't1' : 't2' };
          if (model.state.counters[s.counter]?.activeTicketId) {
            const position = POSITIONS[s.transfer];
            if (position) model.run({ type: 'transfer', ...at, target: { kind: 'service', serviceId: s.service }, position });
            else model.run({ type: 'finish', ...at });
          }
          model.run({ type: 'callNext', ...at });
        }
      }),
      { numRuns: 60 },
    );
  });
});
