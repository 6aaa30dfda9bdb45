import type { Ticket } from '../domain/ticket';
import { HeldTicketsIndex } from './held-tickets-index';

/** One step between two versions of a table: the ticket `id` had this value (undefined: absent) in the other. */
interface Change {
  id: string;
  ticket: Ticket | undefined;
  toward: TicketTable;
}

/** What every version of one table shares: the tickets of the version that owns it, and their index. */
class Store {
  readonly tickets = new Map<string, Ticket>();
  readonly index = new HeldTicketsIndex();

  /** Sets (or with undefined removes) one ticket; returns what was there. */
  put(id: string, ticket: Ticket | undefined): Ticket | undefined {
    const before = this.tickets.get(id);
    if (ticket === undefined) this.tickets.delete(id);
    else this.tickets.set(id, ticket);
    this.index.replace(before, ticket);
    return before;
  }
}

/**
 * The tickets the rules hold, by id: a persistent table. `with` and `without` return a new version and leave
 * the old one readable and unchanged, at a cost that does not grow with the number of tickets held (copying
 * a record of thousands of tickets on every event did).
 *
 * Baker's "rerooting": all versions of a table share one mutable Map (and the index kept with it). The version
 * that owns it reads it directly; every other version holds the one change that turns its neighbour towards the
 * owner back into itself. Reading a version that does not own the Map first walks that chain, undoing each
 * change and leaving the reverse change behind, so it becomes the owner: free for the newest version, which
 * is what the rules and the server read, and proportional to the distance for an older one (the server's
 * `before` when a transaction failed is one command back). Versions are as immutable as a plain record,
 * observably: a version's tickets never change, whichever version was read last. An old version kept alive
 * keeps every change since alive with it, so only the current state should be held for long (as the server does).
 *
 * Iteration order is not part of the contract (it changes when versions are re-rooted): anyone showing tickets
 * in an order sorts them.
 */
export class TicketTable {
  readonly #store: Store;
  /** null while this version owns the store. */
  #change: Change | null;

  private constructor(store: Store, change: Change | null) {
    this.#store = store;
    this.#change = change;
  }

  static empty(): TicketTable {
    return new TicketTable(new Store(), null);
  }

  static of(tickets: Iterable<Ticket>): TicketTable {
    const store = new Store();
    for (const t of tickets) store.put(t.id, t);
    return new TicketTable(store, null);
  }

  get(id: string): Ticket | undefined {
    return this.owned().tickets.get(id);
  }

  has(id: string): boolean {
    return this.owned().tickets.has(id);
  }

  get size(): number {
    return this.owned().tickets.size;
  }

  /** Every ticket, in no particular order (a copy: reading another version meanwhile cannot disturb it). */
  values(): Ticket[] {
    return [...this.owned().tickets.values()];
  }

  /** This version's index: read it before touching any other version of the table. */
  index(): HeldTicketsIndex {
    return this.owned().index;
  }

  /** A version with this ticket added, or replacing the one with its id. */
  with(ticket: Ticket): TicketTable {
    return this.put(ticket.id, ticket);
  }

  /** A version without this ticket (this very version when it is not held). */
  without(id: string): TicketTable {
    return this.has(id) ? this.put(id, undefined) : this;
  }

  private put(id: string, ticket: Ticket | undefined): TicketTable {
    const store = this.owned();
    const next = new TicketTable(store, null);
    this.#change = { id, ticket: store.put(id, ticket), toward: next };
    return next;
  }

  /** Makes this version the owner of the store (see the class comment), without recursion on long chains. */
  private owned(): Store {
    if (this.#change === null) return this.#store;
    const path: TicketTable[] = [this];
    let next = this.#change.toward;
    while (next.#change !== null) {
      path.push(next);
      next = next.#change.toward;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const version = path[i]!;
      const change = version.#change!;
      const replaced = this.#store.put(change.id, change.ticket);
      change.toward.#change = { id: change.id, ticket: replaced, toward: version };
      version.#change = null;
    }
    return this.#store;
  }
}
