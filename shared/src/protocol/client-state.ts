import type { CallView, CounterView } from './views';
import type { BranchSnapshot } from './views';
import type { BatchedBroadcast, BroadcastEvents } from './events';

export type BroadcastName = keyof BroadcastEvents;
export type BroadcastMessage<K extends BroadcastName> = Parameters<BroadcastEvents[K]>[0];

// A record, so a broadcast added to BroadcastEvents fails to compile until it is listed here.
const BROADCAST_SET: Record<BroadcastName, true> = {
  'ticket:issued': true,
  'ticket:called': true,
  'ticket:updated': true,
  'queue:changed': true,
  'counter:updated': true,
  'config:changed': true,
  'device:updated': true,
  'staffing:alerts': true,
};
/** Every broadcast: a client listens to each and hands it to applyBroadcast. */
export const BROADCAST_NAMES = Object.keys(BROADCAST_SET) as BroadcastName[];

/** The part of a socket.io client socket that `followBroadcasts` needs; keeps shared free of socket.io. */
export interface BroadcastSource {
  on(event: BroadcastName | 'batch', listener: (msg: never) => void): unknown;
}

/**
 * Subscribes to every broadcast, and to `batch` (several of them in one message), and advances the view
 * held by the caller: `get` reads it (null before the first snapshot, when broadcasts are ignored), `set`
 * receives each changed view, once per socket message. `heard`, when given, then receives each broadcast that
 * advanced the view (a batch unwrapped, in order; one already in the view is not heard again).
 */
export function followBroadcasts(
  socket: BroadcastSource,
  get: () => BranchSnapshot | null,
  set: (view: BranchSnapshot) => void,
  heard?: (message: BatchedBroadcast) => void,
): void {
  const advance = (messages: readonly BatchedBroadcast[]) => {
    const view = get();
    if (!view) return;
    let next = view;
    const applied: BatchedBroadcast[] = [];
    for (const message of messages) {
      const after = applyBroadcast(next, message.event, message.payload);
      if (after !== next) applied.push(message);
      next = after;
    }
    if (next === view) return;
    set(next);
    if (heard) for (const message of applied) heard(message);
  };
  for (const name of BROADCAST_NAMES) {
    // The socket gives each listener the payload of the event it listens to (BroadcastSource types it `never`).
    socket.on(name, (payload: never) => advance([{ event: name, payload }]));
  }
  socket.on('batch', (msg: { messages: BatchedBroadcast[] }) => advance(msg.messages));
}

/** A `batch`: its broadcasts applied in the order sent, each as if it had come alone. */
export function applyBatch(view: BranchSnapshot, messages: readonly BatchedBroadcast[]): BranchSnapshot {
  let next = view;
  for (const { event, payload } of messages) next = applyBroadcast(next, event, payload);
  return next;
}

/** Ended tickets a teller still needs to see (recent no-shows, for reactivation) stay; others leave the list. */
const KEEP_STATES = new Set(['waiting', 'called', 'serving', 'no_show']);

/**
 * The one way every client advances its view: a snapshot, then broadcasts applied in order.
 * A broadcast with seq ≤ the view's seq is already in it (it raced the snapshot) and is dropped.
 * Pure: returns a new snapshot, or the same object when nothing changed.
 */
export function applyBroadcast<K extends BroadcastName>(
  view: BranchSnapshot,
  name: K,
  msg: BroadcastMessage<K>,
): BranchSnapshot {
  if (msg.seq <= view.seq) return view;
  const next: BranchSnapshot = { ...view, seq: msg.seq };
  switch (name) {
    case 'ticket:issued':
    case 'ticket:updated': {
      const { ticket } = msg as BroadcastMessage<'ticket:updated'>;
      next.tickets = upsertTicket(view, ticket);
      return next;
    }
    case 'ticket:called': {
      const { call, ticket, counter } = msg as BroadcastMessage<'ticket:called'>;
      if (ticket) next.tickets = upsertTicket(view, ticket);
      next.recentCalls = addCall(view.recentCalls, call, view.config.display.historySize * 2);
      if (counter) next.counters = replaceCounter(view.counters, counter);
      return next;
    }
    case 'queue:changed':
      next.queues = (msg as BroadcastMessage<'queue:changed'>).queues;
      return next;
    case 'counter:updated': {
      next.counters = replaceCounter(view.counters, (msg as BroadcastMessage<'counter:updated'>).counter);
      return next;
    }
    case 'config:changed':
      next.config = (msg as BroadcastMessage<'config:changed'>).config;
      return next;
    case 'device:updated': {
      const { device } = msg as BroadcastMessage<'device:updated'>;
      next.devices = replaceBy(view.devices, device, (d) => d.id === device.id);
      return next;
    }
    case 'staffing:alerts':
      next.alerts = (msg as BroadcastMessage<'staffing:alerts'>).alerts;
      return next;
    default:
      return next;
  }
}

function upsertTicket(view: BranchSnapshot, ticket: BranchSnapshot['tickets'][number]): BranchSnapshot['tickets'] {
  // Roles that are not sent tickets (kiosk, display) keep an empty list; the public page keeps its one ticket.
  if (view.role === 'kiosk' || view.role === 'display') return view.tickets;
  if (view.role === 'public' && !view.tickets.some((t) => t.id === ticket.id)) return view.tickets;
  const others = view.tickets.filter((t) => t.id !== ticket.id);
  return KEEP_STATES.has(ticket.state) || view.role === 'public' ? [...others, ticket] : others;
}

/** Newest first, no duplicates by callId, bounded. */
function addCall(calls: CallView[], call: CallView, max: number): CallView[] {
  if (calls.some((c) => c.callId === call.callId)) return calls;
  return [call, ...calls].slice(0, max);
}

function replaceCounter(counters: CounterView[], counter: CounterView): CounterView[] {
  return replaceBy(counters, counter, (c) => c.counterId === counter.counterId);
}

function replaceBy<T>(items: T[], item: T, same: (x: T) => boolean): T[] {
  return items.some(same) ? items.map((x) => (same(x) ? item : x)) : [...items, item];
}
