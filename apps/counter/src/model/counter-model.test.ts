import { describe, expect, it } from 'vitest';
import { demoBranchConfig, type BranchSnapshot, type CounterView, type Ticket } from '@rinda/shared';
import { allowedActions, counterModel, heldCounterId } from './counter-model';
import { actionForKey } from './shortcuts';
import { formatDuration } from './duration';

const NOW = Date.UTC(2026, 10, 25, 10, 0, 0);
const config = demoBranchConfig;

function ticket(id: string, patch: Partial<Ticket> = {}): Ticket {
  return {
    id: id.padEnd(16, 'x'),
    businessDay: '2026-11-25',
    serviceId: 'cash',
    number: 1,
    displayNumber: 'A001',
    language: 'lv',
    priorityReasonId: null,
    issuedAt: NOW - 60_000,
    estimatedWaitMin: 3,
    peopleAheadAtIssue: 0,
    state: 'waiting',
    leg: 1,
    legServiceId: 'cash',
    legStartedAt: NOW - 60_000,
    queueKey: NOW - 60_000,
    targetCounterId: null,
    counterId: null,
    tellerId: null,
    calledAt: null,
    serviceStartedAt: null,
    recallCount: 0,
    endedAt: null,
    ...patch,
  };
}

function counter(counterId: string, patch: Partial<CounterView> = {}): CounterView {
  return {
    counterId,
    state: 'closed',
    tellerId: null,
    tellerName: null,
    pauseReasonId: null,
    since: NOW - 3_600_000,
    activeTicketId: null,
    priorityCallsInCycle: 0,
    normalCallsInCycle: 0,
    ...patch,
  };
}

function snapshot(tickets: Ticket[], counters: CounterView[]): BranchSnapshot {
  return {
    epoch: 'e1',
    seq: 1,
    serverTime: NOW,
    role: 'teller',
    me: { id: 'u-anna', name: 'Anna', role: 'teller' },
    config,
    queues: [],
    counters: config.counters.map((c) => counters.find((x) => x.counterId === c.id) ?? counter(c.id)),
    tickets,
    recentCalls: [],
    devices: [],
  };
}

const open = counter('c2', { state: 'open', tellerId: 'u-anna', tellerName: 'Anna' });

describe('counter model', () => {
  it('finds the counter the signed-in teller holds, and none once they left it', () => {
    expect(heldCounterId(snapshot([], [open]))).toBe('c2');
    expect(heldCounterId(snapshot([], [counter('c2')]))).toBeNull();
    expect(heldCounterId(snapshot([], [counter('c1', { state: 'open', tellerId: 'u-bob', tellerName: 'Bob' })]))).toBeNull();
  });

  it('offers only waiting tickets of its services, or sent to it, in the order call next takes them', () => {
    const tickets = [
      ticket('late', { queueKey: NOW - 1000 }),
      ticket('early', { queueKey: NOW - 9000 }),
      ticket('other-service', { legServiceId: 'loans' }),
      ticket('sent-to-c3', { targetCounterId: 'c3' }),
      ticket('sent-to-c2', { legServiceId: 'loans', targetCounterId: 'c2', queueKey: NOW - 5000 }),
      ticket('called', { state: 'called', counterId: 'c1' }),
    ];
    const model = counterModel(snapshot(tickets, [open]), 'c2', NOW)!;
    expect(model.callable.map((t) => t.id.replace(/x+$/, ''))).toEqual(['early', 'sent-to-c2', 'late']);
  });

  it('lists no-shows only within the reactivation window', () => {
    const windowMs = config.noShow.reactivateWindowMin * 60_000;
    const tickets = [
      ticket('recent', { state: 'no_show', counterId: 'c2', endedAt: NOW - windowMs + 1000 }),
      ticket('expired', { state: 'no_show', counterId: 'c2', endedAt: NOW - windowMs - 1000 }),
    ];
    const model = counterModel(snapshot(tickets, [open]), 'c2', NOW)!;
    expect(model.recentNoShows.map((t) => t.id.replace(/x+$/, ''))).toEqual(['recent']);
  });

  it('enables only the actions valid in each state', () => {
    const enabledIn = (tickets: Ticket[], status: CounterView) =>
      Object.entries(allowedActions(counterModel(snapshot(tickets, [status]), 'c2', NOW)!))
        .filter(([, on]) => on)
        .map(([id]) => id)
        .sort();

    expect(enabledIn([], open)).toEqual(['pause', 'signOut']);
    expect(enabledIn([ticket('w')], open)).toEqual(['callNext', 'callTicket', 'pause', 'signOut']);
    const called = ticket('a', { state: 'called', counterId: 'c2', calledAt: NOW });
    expect(enabledIn([called], { ...open, activeTicketId: called.id })).toEqual(['finish', 'noShow', 'recall', 'start', 'transfer']);
    const serving = { ...called, state: 'serving' as const, serviceStartedAt: NOW };
    expect(enabledIn([serving], { ...open, activeTicketId: serving.id })).toEqual(['finish', 'transfer']);
    expect(enabledIn([ticket('w')], { ...open, state: 'paused', pauseReasonId: 'break' })).toEqual(['resume', 'signOut']);
  });

  it('maps a key to the one enabled action it stands for', () => {
    const model = counterModel(snapshot([], [{ ...open, state: 'paused', pauseReasonId: 'break' }]), 'c2', NOW)!;
    const allowed = allowedActions(model);
    expect(actionForKey('p', allowed)).toBe('resume');
    expect(actionForKey('n', allowed)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('shows minutes and seconds, hours when needed, never negative', () => {
    expect(formatDuration(247_000)).toBe('4:07');
    expect(formatDuration(3_729_000)).toBe('1:02:09');
    expect(formatDuration(-5000)).toBe('0:00');
  });
});
