import type { Ticket } from '../domain/ticket';

/** A queue tickets wait in: a service's own, or a counter's (tickets transferred to that counter). */
export type WaitingQueue = { serviceId: string } | { counterId: string };

/**
 * What the rules ask about the tickets held without wanting to look at all of them: which are no-shows (the
 * only tickets that can expire), the business days tickets wait on (a new day's first ticket drops the earlier
 * days' waiting ones), and the waiting tickets of each day and queue (call next, people ahead, queue lengths).
 * Kept by TicketTable beside its Map and changed with it, one ticket at a time, so it is always the index of
 * the tickets of the version being read.
 */
export class HeldTicketsIndex {
  readonly #noShows = new Set<string>();
  /** The waiting tickets of each business day, by id. */
  readonly #waitingPerDay = new Map<string, Map<string, Ticket>>();
  /** By `queueId(day, queue)`. */
  readonly #waiting = new Map<string, Map<string, Ticket>>();

  /** One ticket changed: `before` (undefined: it was not held) became `after` (undefined: no longer held). */
  replace(before: Ticket | undefined, after: Ticket | undefined): void {
    if (before) this.remove(before);
    if (after) this.add(after);
  }

  /** Every no-show held (a copy, so the caller may drop them from the table while going through it). */
  noShowIds(): string[] {
    return [...this.#noShows];
  }

  /** The earliest business day a ticket is waiting on; null when none waits. */
  oldestWaitingDay(): string | null {
    let oldest: string | null = null;
    for (const day of this.#waitingPerDay.keys()) if (oldest === null || day < oldest) oldest = day;
    return oldest;
  }

  /** Every ticket waiting on this business day, in no particular order (a copy). */
  waitingOn(businessDay: string): Ticket[] {
    const tickets = this.#waitingPerDay.get(businessDay);
    return tickets ? [...tickets.values()] : [];
  }

  /** The tickets waiting on this business day in this queue, in no particular order (a copy). */
  waitingIn(businessDay: string, queue: WaitingQueue): Ticket[] {
    const tickets = this.#waiting.get(queueId(businessDay, queue));
    return tickets ? [...tickets.values()] : [];
  }

  private add(t: Ticket): void {
    if (t.state === 'no_show') this.#noShows.add(t.id);
    if (t.state !== 'waiting') return;
    addTo(this.#waitingPerDay, t.businessDay, t);
    addTo(this.#waiting, queueId(t.businessDay, queueOf(t)), t);
  }

  private remove(t: Ticket): void {
    this.#noShows.delete(t.id);
    if (t.state !== 'waiting') return;
    removeFrom(this.#waitingPerDay, t.businessDay, t);
    removeFrom(this.#waiting, queueId(t.businessDay, queueOf(t)), t);
  }
}

function addTo(groups: Map<string, Map<string, Ticket>>, key: string, t: Ticket): void {
  let tickets = groups.get(key);
  if (!tickets) groups.set(key, (tickets = new Map()));
  tickets.set(t.id, t);
}

/** Empty groups go, so days long past leave nothing behind. */
function removeFrom(groups: Map<string, Map<string, Ticket>>, key: string, t: Ticket): void {
  const tickets = groups.get(key);
  tickets?.delete(t.id);
  if (tickets?.size === 0) groups.delete(key);
}

/** The queue a waiting ticket is in: the counter it was transferred to, or else its current leg's service. */
export function queueOf(t: Ticket): WaitingQueue {
  return t.targetCounterId !== null ? { counterId: t.targetCounterId } : { serviceId: t.legServiceId };
}

function queueId(businessDay: string, queue: WaitingQueue): string {
  return 'counterId' in queue ? `${businessDay}\ncounter\n${queue.counterId}` : `${businessDay}\nservice\n${queue.serviceId}`;
}
