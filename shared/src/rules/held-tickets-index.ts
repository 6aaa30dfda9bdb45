import type { Ticket } from '../domain/ticket';

/**
 * What `applyEvent` needs to know about the tickets held, without scanning them on every event: which are
 * no-shows (the only tickets that can expire), and a lower bound of the business days of the waiting ones
 * (a new day's first ticket drops the waiting tickets of earlier days). Facts are cached per tickets record:
 * the rules never mutate a record once built, so an entry stays true for as long as its record lives.
 */
export interface HeldTicketsIndex {
  /** Ids of every no-show held (it may also list tickets no longer held or no longer no-shows). */
  noShowIds: readonly string[];
  /** No waiting ticket belongs to a business day before this; null when none is waiting. */
  oldestWaitingDay: string | null;
}

const indexes = new WeakMap<Readonly<Record<string, Ticket>>, HeldTicketsIndex>();

/** The index of a record: cached, or built by one scan (the first event after a state is hydrated). */
export function heldTicketsIndex(tickets: Readonly<Record<string, Ticket>>): HeldTicketsIndex {
  const cached = indexes.get(tickets);
  if (cached) return cached;
  const noShowIds: string[] = [];
  let oldestWaitingDay: string | null = null;
  for (const t of Object.values(tickets)) {
    if (t.state === 'no_show') noShowIds.push(t.id);
    if (t.state === 'waiting') oldestWaitingDay = earlierDay(oldestWaitingDay, t.businessDay);
  }
  return remember(tickets, { noShowIds, oldestWaitingDay });
}

export function remember(tickets: Readonly<Record<string, Ticket>>, index: HeldTicketsIndex): HeldTicketsIndex {
  indexes.set(tickets, index);
  return index;
}

/** The index after one ticket (already changed, removed or added in `tickets`) was touched. */
export function afterTicketChange(before: HeldTicketsIndex, tickets: Readonly<Record<string, Ticket>>, ticketId: string): HeldTicketsIndex {
  const ticket = tickets[ticketId];
  let noShowIds = before.noShowIds;
  if (ticket?.state === 'no_show') {
    if (!noShowIds.includes(ticketId)) noShowIds = [...noShowIds, ticketId];
  } else if (noShowIds.includes(ticketId)) {
    noShowIds = noShowIds.filter((id) => id !== ticketId);
  }
  const oldestWaitingDay = ticket?.state === 'waiting' ? earlierDay(before.oldestWaitingDay, ticket.businessDay) : before.oldestWaitingDay;
  return { noShowIds, oldestWaitingDay };
}

function earlierDay(a: string | null, b: string): string {
  return a === null || b < a ? b : a;
}
