import type { BranchSnapshot, CallView } from '@rinda/shared';

/** More current rows than this would shrink the type below what reads from across the hall. */
export const MAX_CURRENT_ROWS = 5;

export interface Board {
  /** Calls still at their counter, newest first: the big rows. */
  current: CallView[];
  /** Earlier calls, newest first, one per ticket, at most `display.historySize`. */
  history: CallView[];
}

/** The newest call per ticket, newest first (a recall replaces the ticket's earlier call). */
function latestPerTicket(calls: CallView[]): CallView[] {
  const byTicket = new Map<string, CallView>();
  for (const call of [...calls].sort((a, b) => b.at - a.at)) if (!byTicket.has(call.ticketId)) byTicket.set(call.ticketId, call);
  return [...byTicket.values()];
}

/**
 * What the lobby screen shows. A counter's newest call stays "current" until the counter is seen to
 * move on (its state changed after the call and it no longer holds that ticket): a counter update
 * that arrives just before or after the call never hides a fresh call.
 */
export function boardOf(snapshot: BranchSnapshot): Board {
  const calls = latestPerTicket(snapshot.recentCalls);
  const newestPerCounter = new Map<string, CallView>();
  for (const call of calls) if (!newestPerCounter.has(call.counterId)) newestPerCounter.set(call.counterId, call);
  const current = [...newestPerCounter.values()]
    .filter((call) => {
      const counter = snapshot.counters.find((c) => c.counterId === call.counterId);
      return !counter || counter.activeTicketId === call.ticketId || counter.since <= call.at;
    })
    .slice(0, MAX_CURRENT_ROWS);
  const currentIds = new Set(current.map((c) => c.callId));
  return {
    current,
    history: calls.filter((c) => !currentIds.has(c.callId)).slice(0, snapshot.config.display.historySize),
  };
}
