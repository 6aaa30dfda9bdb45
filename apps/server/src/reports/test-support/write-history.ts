import { applyEvent, createQueueState, type BranchConfig, type DomainEvent, type QueueState } from '@rinda/shared';
import type { Db } from '../../db/database';
import { EventStore } from '../../store/event-store';

export interface HistoryWriter {
  /**
   * Appends events in order, each in its own transaction, as the server's command pipeline would; or all in
   * one (a long history written quickly: the rows are the same).
   */
  write(events: DomainEvent[], options?: { oneTransaction: boolean }): void;
}

/**
 * Writes domain events through the server's own event store and the shared rules' applyEvent, so the
 * report SQL reads exactly the events and projections (tickets, ticket_legs) a real branch holds.
 */
export function historyWriter(db: Db, config: BranchConfig): HistoryWriter {
  const store = new EventStore(db);
  let state: QueueState = createQueueState(config);
  return {
    write(events, options) {
      const each = () => {
        for (const event of events) state = db.transaction(() => store.persist(state, [event], applyEvent).after).immediate();
      };
      if (options?.oneTransaction) db.transaction(each).immediate();
      else each();
    },
  };
}
