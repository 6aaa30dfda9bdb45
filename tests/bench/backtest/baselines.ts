/**
 * The predictors Rinda's estimate is compared with, as each would be computed at issue time:
 * - the formula Rinda printed before issue #16: (people ahead + 1) × mean of the service's last 20 service
 *   times ÷ open counters serving the service (at least 1), or 0 when nobody is ahead and one of them is free;
 * - LES, the last-to-enter-service delay: the wait of the latest customer of the same service and class to be
 *   called (Ibrahim & Whitt, "Real-time delay estimation based on delay history", 2009);
 * - HOL, the head-of-line delay: how long the customer first in the service's call order has waited so far
 *   (ibid.). Both are 0 when there is nothing to look at (nobody called yet today, nobody waiting).
 */
import { counterStatusOf, waitingTickets, type QueueState, type Ticket } from '@rinda/shared';

const RECENT_SERVICE_SAMPLES = 20;
const DEFAULT_SERVICE_SEC = 5 * 60;

export class BaselinePredictors {
  private readonly serviceSec = new Map<string, number[]>();
  private readonly lastEntered = new Map<string, number>();

  /** A ticket finished: its service time (from the start of service, or from the call) for the old formula. */
  finished(ticket: Ticket, at: number): void {
    const started = ticket.serviceStartedAt ?? ticket.calledAt ?? at;
    const samples = [...(this.serviceSec.get(ticket.legServiceId) ?? []), Math.max(0, (at - started) / 1000)];
    this.serviceSec.set(ticket.legServiceId, samples.slice(-RECENT_SERVICE_SAMPLES));
  }

  /** A ticket was called: its wait is the LES of its service and class from now on (reset each morning). */
  called(ticket: Ticket, at: number): void {
    this.lastEntered.set(key(ticket), (at - ticket.legStartedAt) / 60_000);
  }

  newDay(): void {
    this.lastEntered.clear();
  }

  /** Minutes, for a ticket just issued with `ahead` people ahead. */
  formula(state: QueueState, serviceId: string, ahead: number): number {
    const serving = state.config.counters.filter((c) => c.serviceIds.includes(serviceId));
    const open = serving.map((c) => counterStatusOf(state, c.id)).filter((s) => s.state === 'open');
    if (ahead === 0 && open.some((s) => s.activeTicketId === null)) return 0;
    const samples = this.serviceSec.get(serviceId) ?? [];
    const mean = samples.length === 0 ? DEFAULT_SERVICE_SEC : samples.reduce((a, b) => a + b, 0) / samples.length;
    return Math.round(((ahead + 1) * mean) / 60 / Math.max(1, open.length));
  }

  les(ticket: Ticket): number {
    return this.lastEntered.get(key(ticket)) ?? 0;
  }

  hol(state: QueueState, ticket: Ticket, now: number): number {
    const head = waitingTickets(state, now).find((t) => t.id !== ticket.id && t.targetCounterId === null && t.legServiceId === ticket.legServiceId);
    return head ? (now - head.legStartedAt) / 60_000 : 0;
  }
}

function key(t: Ticket): string {
  return `${t.legServiceId}|${t.priorityReasonId === null ? 'n' : 'p'}`;
}
