import type { PriorityPolicy } from '../config/branch-config';
import type { Ticket } from '../domain/ticket';

/**
 * THE CALL ORDER (the one place it is decided; callNext, the teller's waiting list and "people ahead" all use it).
 *
 * A ticket is eligible at a counter when it is waiting and either was transferred to that counter
 * (targetCounterId), or is not targeted at any counter and its current leg's service is one the counter serves.
 * Among the eligible tickets, the next call is:
 *  1. Overdue first: a ticket whose current leg has waited ≥ maxNormalWaitMin goes before every ticket that has
 *     not; among overdue tickets, lowest queueKey first. (So a normal ticket past the limit beats any priority
 *     ticket that is not itself past it.)
 *  2. Otherwise, when only one class (priority / normal) is eligible: that class, lowest queueKey first.
 *  3. Otherwise (both classes wait) the ratio decides. The counter walks a cycle of `priority` priority calls
 *     then `normal` normal calls (1:2 gives P N N P N N …); the position is CounterStatus.priorityCallsInCycle /
 *     normalCallsInCycle. Within the chosen class, lowest queueKey first. A policy of 0:0 means no preference:
 *     lowest queueKey of both classes.
 * Ties on queueKey are broken by ticket id, so the order is total and deterministic.
 *
 * The cycle moves only on calls made while both classes were eligible (calls in steps 1 and 3): when only one
 * class waits, calling it is not "using up" the other's turn. A call counts for the class of the ticket called;
 * when both counts have reached the policy, the cycle starts again. Calling a specific ticket does not move it.
 * queueKey is the arrival time (issuedAt), moved by transfers (front / back / arrival) and reactivation (front).
 */

export interface Cycle {
  priority: number;
  normal: number;
}

export interface CallStep {
  ticket: Ticket;
  /** The counter's cycle position after this call. */
  cycle: Cycle;
}

export interface Eligibility {
  /** The counter calling; null for a service's own queue (no counter-targeted tickets). */
  counterId: string | null;
  serviceIds: readonly string[];
}

export function isPriority(ticket: Ticket): boolean {
  return ticket.priorityReasonId !== null;
}

export function isEligible(ticket: Ticket, at: Eligibility): boolean {
  if (ticket.state !== 'waiting') return false;
  if (ticket.targetCounterId !== null) return ticket.targetCounterId === at.counterId;
  return at.serviceIds.includes(ticket.legServiceId);
}

export function compareQueueKey(a: Ticket, b: Ticket): number {
  if (a.queueKey !== b.queueKey) return a.queueKey - b.queueKey;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function isOverdue(ticket: Ticket, policy: PriorityPolicy, now: number): boolean {
  return now - overdueSince(ticket) >= policy.maxNormalWaitMin * 60_000;
}

/**
 * When a ticket's wait starts to count toward being overdue: its leg's start, or its step back if later (a
 * customer who asked for more time does not jump ahead again as overdue at once).
 */
export function overdueSince(ticket: Ticket): number {
  return ticket.steppedBackAt !== null && ticket.steppedBackAt > ticket.legStartedAt ? ticket.steppedBackAt : ticket.legStartedAt;
}

/** The full order in which `eligible` tickets would be called, one call after another, at time `now`. */
export function callOrder(eligible: readonly Ticket[], policy: PriorityPolicy, start: Cycle, now: number): CallStep[] {
  const overdue: Ticket[] = [];
  const priority: Ticket[] = [];
  const normal: Ticket[] = [];
  for (const t of eligible) {
    if (isOverdue(t, policy, now)) overdue.push(t);
    else if (isPriority(t)) priority.push(t);
    else normal.push(t);
  }
  overdue.sort(compareQueueKey);
  priority.sort(compareQueueKey);
  normal.sort(compareQueueKey);

  let overduePriority = overdue.filter(isPriority).length;
  let overdueNormal = overdue.length - overduePriority;
  let o = 0;
  let p = 0;
  let n = 0;
  let cycle = start;
  const steps: CallStep[] = [];
  while (steps.length < eligible.length) {
    const both = overduePriority + priority.length - p > 0 && overdueNormal + normal.length - n > 0;
    let ticket: Ticket;
    const nextOverdue = overdue[o];
    const nextPriority = priority[p];
    const nextNormal = normal[n];
    if (nextOverdue) {
      ticket = nextOverdue;
      o++;
      if (isPriority(ticket)) overduePriority--;
      else overdueNormal--;
    } else if (nextPriority && (!nextNormal || prefersPriority(cycle, policy, nextPriority, nextNormal))) {
      ticket = nextPriority;
      p++;
    } else if (nextNormal) {
      ticket = nextNormal;
      n++;
    } else {
      break;
    }
    if (both) cycle = advanceCycle(cycle, isPriority(ticket), policy);
    steps.push({ ticket, cycle });
  }
  return steps;
}

/**
 * What decides where a ticket comes among the others of its queue: the others overdue now (any order), and of
 * the others not overdue, how many of each class there are and how many of each are before it by queueKey.
 */
export interface QueueCounts {
  overdue: Ticket[];
  priority: number;
  normal: number;
  priorityBefore: number;
  normalBefore: number;
}

/**
 * Where `ticket` comes in callOrder([...others, ticket], policy, start, now), found from the counts of the others
 * instead of ordering everyone (a kiosk asks this for every new ticket; the counts come from the ticket table's
 * index): the overdue tickets go first, sorted, because their calls move the cycle; then the ratio takes the
 * classes in turn, and only how many of the ticket's own class are before it matters.
 */
export function positionFromCounts(counts: QueueCounts, ticket: Ticket, policy: PriorityPolicy, start: Cycle, now: number): number {
  const overdue = [...counts.overdue].sort(compareQueueKey);
  if (isOverdue(ticket, policy, now)) return overdue.filter((t) => compareQueueKey(t, ticket) < 0).length;
  const mine = isPriority(ticket);
  const priority = counts.priority + (mine ? 1 : 0);
  const normal = counts.normal + (mine ? 0 : 1);
  if (isKeyOrderOnly(policy)) return overdue.length + counts.priorityBefore + counts.normalBefore;

  let overduePriority = overdue.filter(isPriority).length;
  let overdueNormal = overdue.length - overduePriority;
  let cycle = start;
  for (const t of overdue) {
    const both = overduePriority + priority > 0 && overdueNormal + normal > 0;
    if (isPriority(t)) overduePriority--;
    else overdueNormal--;
    if (both) cycle = advanceCycle(cycle, isPriority(t), policy);
  }
  return overdue.length + ratioPosition(mine, mine ? counts.priorityBefore : counts.normalBefore, priority, normal, cycle, policy);
}

/**
 * Where the k-th (from 0) ticket of one class is called among `priority` + `normal` tickets under the ratio,
 * from this cycle position. While both classes wait the calls run P^p0 N^n0 (P^a N^b)^∞ for a policy a:b, where
 * p0 and n0 finish the current cycle; once one class is used up, the rest of the other follows.
 */
function ratioPosition(mine: boolean, k: number, priority: number, normal: number, start: Cycle, policy: PriorityPolicy): number {
  const c = normalise(start, policy);
  const a = policy.priority;
  const b = policy.normal;
  const p0 = Math.max(0, a - c.priority);
  const n0 = Math.max(0, b - c.normal);
  if (mine) {
    if (a === 0) return normal + k;
    const normalsBefore = k < p0 ? 0 : n0 + Math.floor((k - p0) / a) * b;
    return k + Math.min(normal, normalsBefore);
  }
  if (b === 0) return priority + k;
  const prioritiesBefore = k < n0 ? p0 : p0 + (Math.floor((k - n0) / b) + 1) * a;
  return k + Math.min(priority, prioritiesBefore);
}

/** With both classes waiting: does the ratio give this call to the priority ticket? */
function prefersPriority(cycle: Cycle, policy: PriorityPolicy, priority: Ticket, normal: Ticket): boolean {
  if (isKeyOrderOnly(policy)) return compareQueueKey(priority, normal) <= 0;
  return ratioPrefersPriority(cycle, policy);
}

/** A policy of 0:0: no ratio, both classes by queueKey alone. */
export function isKeyOrderOnly(policy: PriorityPolicy): boolean {
  return policy.priority === 0 && policy.normal === 0;
}

/** Under a ratio (not 0:0), with both classes waiting: is the next call the priority class's? */
export function ratioPrefersPriority(cycle: Cycle, policy: PriorityPolicy): boolean {
  return normalise(cycle, policy).priority < policy.priority;
}

function normalise(cycle: Cycle, policy: PriorityPolicy): Cycle {
  return cycle.priority >= policy.priority && cycle.normal >= policy.normal ? { priority: 0, normal: 0 } : cycle;
}

export function advanceCycle(cycle: Cycle, calledPriority: boolean, policy: PriorityPolicy): Cycle {
  const c = normalise(cycle, policy);
  return normalise(
    calledPriority ? { priority: c.priority + 1, normal: c.normal } : { priority: c.priority, normal: c.normal + 1 },
    policy,
  );
}
