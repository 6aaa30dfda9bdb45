import { counterCallOrder, mayReactivate, type BranchSnapshot, type CounterConfig, type CounterView, type QueueSummary, type Ticket } from '@rinda/shared';

/** Everything the counter screen shows, derived from the snapshot alone so a reconnect rebuilds it exactly. */
export interface CounterModel {
  config: CounterConfig;
  status: CounterView;
  /** Queue summaries of the services this counter serves, in the counter's order. */
  queues: QueueSummary[];
  /** The ticket this counter holds (called or serving), if any. */
  active: Ticket | null;
  /** Waiting tickets this counter may call, in the order call next would take them. */
  callable: Ticket[];
  /** No-shows of this counter or its services still within the reactivation window, newest first. */
  recentNoShows: Ticket[];
}

export type ActionId =
  | 'callNext'
  | 'callTicket'
  | 'recall'
  | 'start'
  | 'finish'
  | 'noShow'
  | 'reactivate'
  | 'transfer'
  | 'pause'
  | 'resume'
  | 'signOut';

/** The counter the signed-in user holds, if any: after a reconnect the snapshot says where the teller sits. */
export function heldCounterId(view: BranchSnapshot): string | null {
  const me = view.me;
  if (!me) return null;
  return view.counters.find((c) => c.tellerId === me.id && c.state !== 'closed')?.counterId ?? null;
}

export function counterModel(view: BranchSnapshot, counterId: string, now: number): CounterModel | null {
  const config = view.config.counters.find((c) => c.id === counterId);
  const status = view.counters.find((c) => c.counterId === counterId);
  if (!config || !status) return null;
  const queues = config.serviceIds.flatMap((id) => view.queues.filter((q) => q.serviceId === id));
  const active = status.activeTicketId ? (view.tickets.find((t) => t.id === status.activeTicketId) ?? null) : null;
  const callable = counterCallOrder(view.config, view.tickets, config, status, now);
  const recentNoShows = view.tickets
    .filter((t) => t.state === 'no_show' && mayReactivate(view.config, t, config, now).ok)
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  return { config, status, queues, active, callable, recentNoShows };
}

/**
 * Which actions make sense now. The server's rules are the authority (it refuses anything else with a
 * clear error); this only keeps the teller from pressing buttons that cannot work.
 */
export function allowedActions(model: CounterModel): Record<ActionId, boolean> {
  const open = model.status.state === 'open';
  const paused = model.status.state === 'paused';
  const state = model.active?.state;
  const free = open && !model.active;
  return {
    callNext: free && model.callable.length > 0,
    callTicket: free && model.callable.length > 0,
    recall: open && state === 'called',
    start: open && state === 'called',
    finish: open && (state === 'called' || state === 'serving'),
    noShow: open && state === 'called',
    reactivate: free && model.recentNoShows.length > 0,
    transfer: open && (state === 'called' || state === 'serving'),
    pause: free,
    resume: paused,
    signOut: (open || paused) && !model.active,
  };
}

/** The step a teller most likely takes next, drawn as the main button: call, then start, then finish. */
export function mainAction(allowed: Record<ActionId, boolean>): ActionId | null {
  const order: ActionId[] = ['callNext', 'start', 'finish', 'resume'];
  return order.find((id) => allowed[id]) ?? null;
}
