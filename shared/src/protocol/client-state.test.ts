import { describe, expect, it } from 'vitest';
import { demoBranchConfig } from '../config/demo-config';
import type { Ticket } from '../domain/ticket';
import { applyBatch, applyBroadcast, BROADCAST_NAMES, followBroadcasts, type BroadcastName } from './client-state';
import type { BranchSnapshot, CallView, CounterView, QueueSummary } from './views';

const snapshot: BranchSnapshot = {
  epoch: 'e1',
  seq: 5,
  serverTime: 0,
  role: 'teller',
  me: null,
  config: demoBranchConfig,
  queues: [],
  counters: [],
  tickets: [],
  recentCalls: [],
  devices: [],
  alerts: [],
};
const queues: QueueSummary[] = [{ serviceId: 'cash', waiting: 2, oldestWaitingSince: 0, wait: { typicalMin: 4, atMostMin: 7 }, open: true }];

/** An event source like a socket: listeners by name, and a way to deliver one event. */
function source() {
  const listeners = new Map<string, (msg: never) => void>();
  return {
    on: (event: BroadcastName | 'batch', listener: (msg: never) => void) => listeners.set(event, listener),
    deliver: (event: BroadcastName | 'batch', msg: unknown) => listeners.get(event)?.(msg as never),
    names: () => [...listeners.keys()].sort(),
  };
}

describe('followBroadcasts', () => {
  it('listens to every broadcast, ignores them before a snapshot, and applies them in sequence after', () => {
    const socket = source();
    let view: BranchSnapshot | null = null;
    const seen: BranchSnapshot[] = [];
    followBroadcasts(socket, () => view, (next) => {
      view = next;
      seen.push(next);
    });
    expect(socket.names()).toEqual([...BROADCAST_NAMES, 'batch'].sort());

    socket.deliver('queue:changed', { seq: 6, queues });
    expect(seen).toEqual([]);

    view = snapshot;
    socket.deliver('queue:changed', { seq: 5, queues });
    expect(seen).toEqual([]);
    socket.deliver('queue:changed', { seq: 6, queues });
    expect(seen).toHaveLength(1);
    expect(view).toMatchObject({ seq: 6, queues });
  });

  it('applies a batch in its order, as if each broadcast had come alone, and hands over one view for it', () => {
    const socket = source();
    let view: BranchSnapshot | null = snapshot;
    const seen: BranchSnapshot[] = [];
    followBroadcasts(socket, () => view, (next) => {
      view = next;
      seen.push(next);
    });
    const later: QueueSummary[] = [{ ...queues[0]!, waiting: 7 }];
    socket.deliver('batch', {
      messages: [
        // Already in the snapshot (seq ≤ 5): dropped, as it would be alone; the rest still apply, in order.
        { event: 'queue:changed', payload: { seq: 4, queues: [] } },
        { event: 'queue:changed', payload: { seq: 6, queues } },
        { event: 'config:changed', payload: { seq: 8, config: { ...demoBranchConfig, branch: { ...demoBranchConfig.branch, name: 'Renamed' } } } },
        { event: 'queue:changed', payload: { seq: 9, queues: later } },
      ],
    });
    expect(seen).toHaveLength(1);
    expect(view).toMatchObject({ seq: 9, queues: later, config: { branch: { name: 'Renamed' } } });

    // A batch wholly older than the view changes nothing, and nothing is handed over.
    socket.deliver('batch', { messages: [{ event: 'queue:changed', payload: { seq: 9, queues } }] });
    expect(seen).toHaveLength(1);
  });

  it('hands each broadcast that advanced the view to `heard`, after the view took it, a batch one by one', () => {
    const socket = source();
    let view: BranchSnapshot | null = snapshot;
    const heard: { event: string; seq: number; viewSeq: number | undefined }[] = [];
    followBroadcasts(socket, () => view, (next) => (view = next), (message) => heard.push({ event: message.event, seq: message.payload.seq, viewSeq: view?.seq }));
    socket.deliver('queue:changed', { seq: 6, queues });
    socket.deliver('queue:changed', { seq: 6, queues });
    socket.deliver('batch', {
      messages: [
        { event: 'queue:changed', payload: { seq: 3, queues } },
        { event: 'config:changed', payload: { seq: 7, config: demoBranchConfig } },
        { event: 'queue:changed', payload: { seq: 8, queues } },
      ],
    });
    expect(heard).toEqual([
      { event: 'queue:changed', seq: 6, viewSeq: 6 },
      { event: 'config:changed', seq: 7, viewSeq: 8 },
      { event: 'queue:changed', seq: 8, viewSeq: 8 },
    ]);
  });
});

describe('applyBatch', () => {
  it('gives the same view as applying its broadcasts one by one, out-of-date ones included', () => {
    const messages = [
      { event: 'queue:changed', payload: { seq: 7, queues } },
      { event: 'queue:changed', payload: { seq: 6, queues: [] } },
      { event: 'config:changed', payload: { seq: 8, config: demoBranchConfig } },
    ] as const;
    const oneByOne = messages.reduce<BranchSnapshot>((v, m) => applyBroadcast(v, m.event, m.payload as never), snapshot);
    expect(applyBatch(snapshot, messages as never)).toEqual(oneByOne);
    expect(oneByOne).toMatchObject({ seq: 8, queues });
  });
});

describe('applyBroadcast of a call', () => {
  const idle: CounterView = {
    counterId: 'c1',
    state: 'open',
    tellerId: 'u1',
    tellerName: 'anna',
    pauseReasonId: null,
    since: 0,
    activeTicketId: null,
    priorityCallsInCycle: 0,
    normalCallsInCycle: 0,
  };
  const other: CounterView = { ...idle, counterId: 'c2', tellerId: null, tellerName: null, state: 'closed' };
  const ticket: Ticket = {
    id: 'ticket-0000000000001',
    businessDay: '2026-11-25',
    serviceId: 'cash',
    number: 1,
    displayNumber: 'A001',
    language: 'lv',
    priorityReasonId: null,
    issuedAt: 0,
    estimatedWaitMin: 0,
    estimatedWaitAtMostMin: 0,
    peopleAheadAtIssue: 0,
    state: 'called',
    leg: 1,
    legServiceId: 'cash',
    legStartedAt: 0,
    queueKey: 0,
    targetCounterId: null,
    counterId: 'c1',
    tellerId: 'u1',
    calledAt: 10,
    serviceStartedAt: null,
    recallCount: 0,
    endedAt: null,
    channel: 'kiosk',
    confirmedAt: null,
    steppedBackAt: null,
  };
  const call: CallView = {
    callId: '7',
    ticketId: ticket.id,
    displayNumber: 'A001',
    serviceId: 'cash',
    counterId: 'c1',
    counterNumber: 1,
    at: 10,
    recall: false,
    language: 'lv',
  };
  const view: BranchSnapshot = { ...snapshot, counters: [idle, other] };

  it('takes the counter the call carries, so staff and displays need no separate counter:updated', () => {
    const calling: CounterView = { ...idle, activeTicketId: ticket.id, normalCallsInCycle: 1 };
    const next = applyBroadcast(view, 'ticket:called', { seq: 6, call, ticket, counter: calling });
    expect(next.counters).toEqual([calling, other]);
    expect(next.recentCalls).toEqual([call]);
    expect(next.tickets).toEqual([ticket]);
  });

  it('leaves the counters as they were when the call carries none (a status page, or a recall)', () => {
    const next = applyBroadcast(view, 'ticket:called', { seq: 6, call, ticket });
    expect(next.counters).toBe(view.counters);
    expect(next.recentCalls).toEqual([call]);
  });

  it('keeps the tickets as they were when the call carries no ticket (the displays\' copy)', () => {
    const held: BranchSnapshot = { ...view, tickets: [ticket] };
    const next = applyBroadcast(held, 'ticket:called', { seq: 6, call });
    expect(next.tickets).toBe(held.tickets);
    expect(next.recentCalls).toEqual([call]);
  });
});

describe('staffing alerts', () => {
  it('replaces the alerts with the list a broadcast carries, and drops one older than the view', () => {
    const alert = {
      id: 'serviceLevel:cash', kind: 'serviceLevel' as const, serviceId: 'cash', projectedPercent: 81, goalPercent: 90, goalOutOfReach: false,
      fix: { kind: 'openCounters' as const, count: 1, counterIds: ['c2'] },
    };
    const next = applyBroadcast(snapshot, 'staffing:alerts', { seq: 6, alerts: [alert] });
    expect(next.alerts).toEqual([alert]);
    expect(applyBroadcast(next, 'staffing:alerts', { seq: 7, alerts: [] }).alerts).toEqual([]);
    expect(applyBroadcast(next, 'staffing:alerts', { seq: 6, alerts: [] })).toBe(next);
  });
});
