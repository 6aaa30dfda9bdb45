import { applyEvent, createQueueState, type BranchConfig, type DomainEvent, type QueueState } from '@rinda/shared';
import type { Db } from '../../db/database';
import { EventStore } from '../../store/event-store';

export interface HistoryWriter {
  /** Appends events in order, each in its own transaction, as the server's command pipeline would. */
  write(events: DomainEvent[]): void;
}

/**
 * Writes domain events through the server's own event store and the shared rules' applyEvent, so the
 * report SQL reads exactly the events and projections (tickets, ticket_legs) a real branch holds.
 */
export function historyWriter(db: Db, config: BranchConfig): HistoryWriter {
  const store = new EventStore(db);
  let state: QueueState = createQueueState(config);
  return {
    write(events) {
      for (const event of events) state = db.transaction(() => store.persist(state, [event], applyEvent).after).immediate();
    },
  };
}
