import type { Logger } from 'pino';
import type { BranchConfig, CallView, QueueState } from '@rinda/shared';
import type { CommittedListener } from '../app-context';
import type { PersistedCommit } from '../store/event-store';
import { RECENT_CALLS_KEPT, toCallView } from '../store/calls';

/**
 * The in-memory queue state and the recent calls. It only ever moves forward by a committed command
 * (`applyCommitted`), so memory never holds anything the database does not.
 */
export class LiveQueue {
  private current: QueueState;
  private calls: CallView[];
  private readonly listeners = new Set<CommittedListener>();

  constructor(
    state: QueueState,
    recentCalls: CallView[],
    private readonly logger: Logger,
  ) {
    this.current = state;
    this.calls = recentCalls.slice(0, RECENT_CALLS_KEPT);
  }

  get state(): QueueState {
    return this.current;
  }

  /** Newest first. */
  get recentCalls(): readonly CallView[] {
    return this.calls;
  }

  setConfig(config: BranchConfig): void {
    this.current = { ...this.current, config };
  }

  /** Advances memory after the transaction committed; returns the calls it made. */
  applyCommitted(commit: PersistedCommit): CallView[] {
    this.current = commit.after;
    const made: CallView[] = [];
    for (const r of commit.records) {
      if ((r.event.type !== 'ticket.called' && r.event.type !== 'ticket.recalled') || !r.ticket) continue;
      const call = toCallView(
        {
          rowId: r.rowId,
          ticketId: r.ticket.id,
          displayNumber: r.ticket.displayNumber,
          serviceId: r.ticket.legServiceId,
          counterId: r.event.counterId,
          at: r.event.at,
          recall: r.event.type === 'ticket.recalled',
          language: r.ticket.language,
        },
        this.current.config,
      );
      if (call) made.push(call);
    }
    if (made.length > 0) this.calls = [...[...made].reverse(), ...this.calls].slice(0, RECENT_CALLS_KEPT);
    const events = commit.records.map((r) => r.event);
    for (const listener of this.listeners) {
      try {
        listener(events, this.current);
      } catch (error) {
        // A feature's listener must not undo or block a committed command.
        this.logger.error({ err: error }, 'onCommitted listener failed');
      }
    }
    return made;
  }

  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
