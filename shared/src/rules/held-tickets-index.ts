import type { PriorityPolicy } from '../config/branch-config';
import { waitingDayOf, type Ticket } from '../domain/ticket';
import { compareQueueKey, isOverdue, isPriority, overdueSince } from './call-order';

/** A queue tickets wait in: a service's own, or a counter's (tickets transferred to that counter). */
export type WaitingQueue = { serviceId: string } | { counterId: string };

/**
 * What the rules ask about the tickets held without wanting to look at all of them: which are no-shows (the
 * only tickets that can expire), the business days tickets wait on (the day boundary closes the earlier days'
 * waiting ones: closeEarlierDays), and the waiting tickets of each day and queue (call next, people ahead, queue lengths).
 * Kept by TicketTable beside its Map and changed with it, one ticket at a time, so it is always the index of
 * the tickets of the version being read.
 */
export class HeldTicketsIndex {
  readonly #noShows = new Set<string>();
  /** The waiting tickets of each business day, by id. */
  readonly #waitingPerDay = new Map<string, Map<string, Ticket>>();
  /** By `queueId(day, queue)`. */
  readonly #waiting = new Map<string, WaitingLine>();

  /** One ticket changed: `before` (undefined: it was not held) became `after` (undefined: no longer held). */
  replace(before: Ticket | undefined, after: Ticket | undefined): void {
    if (before) this.remove(before);
    if (after) this.add(after);
  }

  /** Every no-show held (a copy, so the caller may drop them from the table while going through it). */
  noShowIds(): string[] {
    return [...this.#noShows];
  }

  /** The business days before `day` that tickets still wait on, oldest first. */
  waitingDaysBefore(day: string): string[] {
    return [...this.#waitingPerDay.keys()].filter((d) => d < day).sort();
  }

  /** Every ticket waiting on this business day, in no particular order (a copy). */
  waitingOn(businessDay: string): Ticket[] {
    const tickets = this.#waitingPerDay.get(businessDay);
    return tickets ? [...tickets.values()] : [];
  }

  /** The ordered line of a queue on a business day; undefined when nobody waits in it. */
  lineOf(businessDay: string, queue: WaitingQueue): WaitingLine | undefined {
    return this.#waiting.get(queueId(businessDay, queue));
  }

  /** Every line somebody waits in on a business day: a pass over the lines, not over the tickets in them. */
  linesOn(businessDay: string): WaitingLine[] {
    return [...this.#waiting.values()].filter((line) => line.businessDay === businessDay);
  }

  private add(t: Ticket): void {
    if (t.state === 'no_show') this.#noShows.add(t.id);
    if (t.state !== 'waiting') return;
    addTo(this.#waitingPerDay, waitingDayOf(t), t);
    const id = queueId(waitingDayOf(t), waitingQueueOf(t));
    let line = this.#waiting.get(id);
    if (!line) this.#waiting.set(id, (line = new WaitingLine(waitingDayOf(t), waitingQueueOf(t))));
    line.add(t);
  }

  private remove(t: Ticket): void {
    this.#noShows.delete(t.id);
    if (t.state !== 'waiting') return;
    removeFrom(this.#waitingPerDay, waitingDayOf(t), t);
    const id = queueId(waitingDayOf(t), waitingQueueOf(t));
    const line = this.#waiting.get(id);
    line?.remove(t);
    if (line?.size === 0) this.#waiting.delete(id);
  }
}

/**
 * The tickets waiting in one queue on one day, kept sorted the ways "people ahead" counts them, so a kiosk's
 * new ticket is placed by binary searches instead of a pass over the queue: by the start of their leg (the
 * overdue ones are a prefix) and, per class, by queueKey (the order the call order takes them in).
 */
export class WaitingLine {
  readonly #tickets = new Map<string, Ticket>();
  readonly #byLegStart: Ticket[] = [];
  readonly #priority: Ticket[] = [];
  readonly #normal: Ticket[] = [];
  /** Those whose step back came after their leg's start: the few #byLegStart does not order by legStartedAt. */
  readonly #steppedBack = new Map<string, Ticket>();

  constructor(
    readonly businessDay: string,
    readonly queue: WaitingQueue,
  ) {}

  get size(): number {
    return this.#tickets.size;
  }

  get(id: string): Ticket | undefined {
    return this.#tickets.get(id);
  }

  /** In no particular order (a copy). */
  values(): Ticket[] {
    return [...this.#tickets.values()];
  }

  /** The tickets overdue now (waited maxNormalWaitMin or more in their leg), longest first. */
  overdue(policy: PriorityPolicy, now: number): Ticket[] {
    return this.#byLegStart.slice(0, firstNot(this.#byLegStart, (t) => isOverdue(t, policy, now)));
  }

  /**
   * The earliest leg start of those waiting here (how long the line's longest wait is), null when empty. #byLegStart
   * is ordered by overdueSince, which is the leg's start for all but the stepped-back tickets: the first other
   * ticket in it has the earliest leg start of the rest, so the answer costs a look at the stepped-back ones.
   */
  oldestLegStart(): number | null {
    let oldest: number | null = this.#byLegStart.find((t) => !this.#steppedBack.has(t.id))?.legStartedAt ?? null;
    for (const t of this.#steppedBack.values()) if (oldest === null || t.legStartedAt < oldest) oldest = t.legStartedAt;
    return oldest;
  }

  /** How many of a class wait here, overdue or not. */
  count(priority: boolean): number {
    return (priority ? this.#priority : this.#normal).length;
  }

  /** How many of a class are before `ticket` by queueKey, overdue or not. */
  countBefore(priority: boolean, ticket: Ticket): number {
    return firstNot(priority ? this.#priority : this.#normal, (t) => compareQueueKey(t, ticket) < 0);
  }

  /**
   * A class's tickets by queueKey, and all of them by leg start: the line's own sorted arrays, not copies, for a
   * reader that walks them at once (the wait estimate's board). Valid only until the table changes or another
   * version of it is read.
   */
  inQueueOrder(priority: boolean): readonly Ticket[] {
    return priority ? this.#priority : this.#normal;
  }

  inLegStartOrder(): readonly Ticket[] {
    return this.#byLegStart;
  }

  add(t: Ticket): void {
    this.#tickets.set(t.id, t);
    if (overdueSince(t) !== t.legStartedAt) this.#steppedBack.set(t.id, t);
    insertSorted(this.#byLegStart, t, compareLegStart);
    insertSorted(isPriority(t) ? this.#priority : this.#normal, t, compareQueueKey);
  }

  remove(t: Ticket): void {
    this.#tickets.delete(t.id);
    this.#steppedBack.delete(t.id);
    removeSorted(this.#byLegStart, t, compareLegStart);
    removeSorted(isPriority(t) ? this.#priority : this.#normal, t, compareQueueKey);
  }
}

/** By when each started to count toward overdue (its leg's start, or a later step back): overdue ones form a prefix. */
function compareLegStart(a: Ticket, b: Ticket): number {
  const since = overdueSince(a) - overdueSince(b);
  if (since !== 0) return since;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The index of the first element for which `holds` is false, in an array where it holds for a prefix. */
function firstNot(sorted: readonly Ticket[], holds: (t: Ticket) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Usually at the end: a new ticket has the latest leg start and queueKey. */
function insertSorted(sorted: Ticket[], t: Ticket, compare: (a: Ticket, b: Ticket) => number): void {
  sorted.splice(firstNot(sorted, (x) => compare(x, t) < 0), 0, t);
}

function removeSorted(sorted: Ticket[], t: Ticket, compare: (a: Ticket, b: Ticket) => number): void {
  const i = firstNot(sorted, (x) => compare(x, t) < 0);
  if (sorted[i]?.id === t.id) sorted.splice(i, 1);
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
export function waitingQueueOf(t: Ticket): WaitingQueue {
  return t.targetCounterId !== null ? { counterId: t.targetCounterId } : { serviceId: t.legServiceId };
}

function queueId(businessDay: string, queue: WaitingQueue): string {
  return 'counterId' in queue ? `${businessDay}\ncounter\n${queue.counterId}` : `${businessDay}\nservice\n${queue.serviceId}`;
}
