import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriorityPolicy } from '../config/branch-config';
import type { Ticket, TicketState } from '../domain/ticket';
import { callOrder, compareQueueKey, isEligible, isOverdue, isPriority, positionFromCounts, type Cycle, type Eligibility, type QueueCounts } from './call-order';
import { counterStatusOf, createQueueState, currentBusinessDay, findCounter, newTicket, waitingEligible, waitingList } from './queue-state';
import { queueSummaries } from './queue-summaries';
import { counterCallOrder, peopleAheadOf, waitingTickets } from './selectors';
import { TicketTable } from './ticket-table';
import { testConfig } from './test-kit';
import type { QueueState } from './types';

/*
 * The waiting lists the selectors read from the ticket table's index (per day and queue), held to a scan of
 * every ticket, and "people ahead", which counts instead of ordering the whole queue (a kiosk asks it for every new ticket). These
 * properties hold it to the straightforward answer: the ticket's index in the full call order.
 */

const NOW = Date.UTC(2026, 10, 25, 8, 0);
const TODAY = '2026-11-25';
const COUNTERS = ['c1', 'c2', 'c3', 'c4'] as const;

/** Today's waiting tickets by a scan of every ticket held. */
function waitingByScan(state: QueueState, now: number): Ticket[] {
  const today = currentBusinessDay(state.config, now);
  return state.tickets.values().filter((t) => t.state === 'waiting' && t.businessDay === today);
}

const byId = (a: Ticket, b: Ticket) => (a.id < b.id ? -1 : 1);

/** The counts positionFromCounts takes, by a pass over the others. */
function countsByScan(others: Ticket[], ticket: Ticket, policy: PriorityPolicy, now: number): QueueCounts {
  const counts: QueueCounts = { overdue: [], priority: 0, normal: 0, priorityBefore: 0, normalBefore: 0 };
  for (const t of others) {
    const before = compareQueueKey(t, ticket) < 0 ? 1 : 0;
    if (isOverdue(t, policy, now)) counts.overdue.push(t);
    else if (isPriority(t)) {
      counts.priority++;
      counts.priorityBefore += before;
    } else {
      counts.normal++;
      counts.normalBefore += before;
    }
  }
  return counts;
}

/** The selector as it was before counting: order everyone, find the ticket. */
function peopleAheadBySorting(state: QueueState, ticket: Ticket, now: number): number {
  if (ticket.state !== 'waiting') return 0;
  let at: Eligibility = { counterId: null, serviceIds: [ticket.legServiceId] };
  if (ticket.targetCounterId !== null) {
    at = { counterId: ticket.targetCounterId, serviceIds: findCounter(state.config, ticket.targetCounterId)?.serviceIds ?? [] };
  }
  const queue = waitingByScan(state, now).filter((t) => t.id !== ticket.id && isEligible(t, at));
  const order = callOrder([...queue, ticket], state.config.priorityPolicy, { priority: 0, normal: 0 }, now);
  return Math.max(0, order.findIndex((s) => s.ticket.id === ticket.id));
}

const policy: fc.Arbitrary<PriorityPolicy> = fc.record({
  priority: fc.nat(3),
  normal: fc.nat(3),
  maxNormalWaitMin: fc.integer({ min: 1, max: 30 }),
});

type HeldSpec = {
  state: TicketState;
  yesterday: boolean;
  service: string;
  target: string | null;
  priority: string | null;
  queueMin: number;
  legMin: number;
  /** Minutes after the leg's start the customer stepped back, if they did (null mostly). */
  steppedBackAfterMin: number | null;
};

/** Waits and queue keys in whole minutes, so ties on queueKey (broken by id) are common. */
const heldTicket: fc.Arbitrary<HeldSpec> = fc.record({
  state: fc.constantFrom<TicketState>('waiting', 'waiting', 'waiting', 'waiting', 'called', 'serving', 'no_show'),
  yesterday: fc.constantFrom(false, false, false, false, false, false, false, false, true),
  service: fc.constantFrom('cash', 'cash', 'accounts', 'loans', 'business'),
  target: fc.constantFrom<string | null>(null, null, null, null, ...COUNTERS),
  priority: fc.constantFrom<string | null>(null, null, 'senior', 'disability'),
  queueMin: fc.integer({ min: -45, max: 0 }),
  legMin: fc.integer({ min: -45, max: 0 }),
  steppedBackAfterMin: fc.constantFrom<number | null>(null, null, null, 0, 5, 20, 50),
});

function toTicket(spec: HeldSpec, i: number): Ticket {
  const base = newTicket({
    id: `held-${String(i).padStart(11, '0')}`,
    businessDay: spec.yesterday ? '2026-11-24' : TODAY,
    serviceId: spec.service,
    number: i + 1,
    displayNumber: `A${String(i + 1).padStart(3, '0')}`,
    language: 'en',
    priorityReasonId: spec.priority,
    issuedAt: NOW + spec.legMin * 60_000,
  });
  const legStartedAt = NOW + spec.legMin * 60_000;
  const steppedBackAt = spec.steppedBackAfterMin === null ? null : legStartedAt + spec.steppedBackAfterMin * 60_000;
  return { ...base, state: spec.state, targetCounterId: spec.target, queueKey: NOW + spec.queueMin * 60_000, legStartedAt, steppedBackAt };
}

function stateOf(p: PriorityPolicy, specs: HeldSpec[]): QueueState {
  const state = createQueueState(testConfig((c) => void (c.priorityPolicy = p)));
  return { ...state, tickets: TicketTable.of(specs.map(toTicket)) };
}

describe('waiting lists from the index', () => {
  it('hold exactly the tickets a scan finds, for the day, every counter and every service queue', () => {
    fc.assert(
      fc.property(policy, fc.array(heldTicket, { maxLength: 40 }), (p, specs) => {
        const state = stateOf(p, specs);
        const scanned = waitingByScan(state, NOW);
        expect(waitingList(state, NOW).sort(byId)).toEqual([...scanned].sort(byId));
        const queues: Eligibility[] = [
          ...state.config.counters.map((c) => ({ counterId: c.id, serviceIds: c.serviceIds })),
          ...state.config.services.map((s) => ({ counterId: null, serviceIds: [s.id] })),
          { counterId: 'c1', serviceIds: ['cash', 'cash', 'loans'] },
        ];
        for (const at of queues) expect(waitingEligible(state, NOW, at).sort(byId)).toEqual(scanned.filter((t) => isEligible(t, at)).sort(byId));
        for (const c of state.config.counters) {
          const position = { priorityCallsInCycle: 1, normalCallsInCycle: 0 };
          const withCycle = { ...state, counters: { [c.id]: { ...counterStatusOf(state, c.id), state: 'open' as const, ...position } } };
          expect(waitingTickets(withCycle, NOW, c.id)).toEqual(counterCallOrder(state.config, state.tickets.values(), c, position, NOW));
        }
        for (const q of queueSummaries(state, NOW)) {
          const mine = scanned.filter((t) => t.legServiceId === q.serviceId);
          expect(q.waiting).toBe(mine.length);
          expect(q.oldestWaitingSince).toBe(mine.length === 0 ? null : Math.min(...mine.map((t) => t.legStartedAt)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('people ahead by counting', () => {
  it('equals the index in the full call order, for every held ticket and for a new arrival of each class', () => {
    fc.assert(
      fc.property(policy, fc.array(heldTicket, { maxLength: 40 }), fc.constantFrom('cash', 'accounts', 'loans'), (p, specs, service) => {
        const state = stateOf(p, specs);
        for (const t of state.tickets.values()) expect(peopleAheadOf(state, t, NOW)).toBe(peopleAheadBySorting(state, t, NOW));
        for (const reason of [null, 'senior']) {
          const arrival = newTicket({ id: 'new-ticket-00000001', businessDay: TODAY, serviceId: service, number: 999, displayNumber: 'A999', language: 'en', priorityReasonId: reason, issuedAt: NOW });
          expect(peopleAheadOf(state, arrival, NOW)).toBe(peopleAheadBySorting(state, arrival, NOW));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('positionFromCounts finds each ticket where callOrder puts it, from any cycle position', () => {
    const cycle: fc.Arbitrary<Cycle> = fc.record({ priority: fc.nat(3), normal: fc.nat(3) });
    fc.assert(
      fc.property(policy, cycle, fc.array(heldTicket, { minLength: 1, maxLength: 30 }), (p, start, specs) => {
        const tickets = specs.map((s, i) => ({ ...toTicket(s, i), state: 'waiting' as const }));
        const order = callOrder(tickets, p, start, NOW).map((s) => s.ticket.id);
        for (const t of tickets) {
          const others = tickets.filter((o) => o.id !== t.id);
          expect(positionFromCounts(countsByScan(others, t, p, NOW), t, p, start, NOW)).toBe(order.indexOf(t.id));
        }
      }),
      { numRuns: 400 },
    );
  });
});
