import type { BranchConfig } from '../config/branch-config';
import type { CustomerLanguage } from '../languages';
import type { CounterStatus, TicketAppointment, TicketChannel, TransferPosition } from '../domain/ticket';
import type { DomainEvent } from '../domain/events';
import type { Result } from '../result';
import type { WaitHistory } from '../waits/wait-history';
import type { TicketTable } from './ticket-table';

/**
 * Everything the rules need to decide, and nothing else. The server keeps one in memory, rebuilt
 * from SQLite at start, and advances it with `applyEvent` only after the events were committed.
 */
export interface QueueState {
  config: BranchConfig;
  /** Tickets not yet ended, plus ended ones still of interest today (recent no-shows, for reactivation). */
  tickets: TicketTable;
  counters: Record<string, CounterStatus>;
  /** Highest number issued per `${businessDay}|${serviceId}`. */
  lastNumbers: Record<string, number>;
  /** What the wait estimate learns from the recent past (bounded rings of samples). */
  waitHistory: WaitHistory;
}

export interface RuleContext {
  now: number;
  /** Unguessable ids for new tickets. */
  newId: () => string;
  /**
   * false: a new ticket is told no wait (its estimates stay null). For simulations that run the rules to learn
   * something else (the staffing advice), and would spend most of their time on estimates nobody reads.
   */
  estimateWaits?: boolean;
}

export type TransferTarget = { kind: 'service'; serviceId: string } | { kind: 'counter'; counterId: string };

type AtCounter = { counterId: string; tellerId: string };
export type Command =
  | { type: 'issue'; serviceId: string; language: CustomerLanguage; priorityReasonId: string | null; channel?: TicketChannel; appointment?: TicketAppointment }
  | { type: 'confirm'; ticketId: string }
  | { type: 'stepBack'; ticketId: string }
  | ({ type: 'callNext' } & AtCounter)
  | ({ type: 'callTicket'; ticketId: string } & AtCounter)
  | ({ type: 'recall' } & AtCounter)
  | ({ type: 'start' } & AtCounter)
  | ({ type: 'finish' } & AtCounter)
  | ({ type: 'noShow' } & AtCounter)
  | ({ type: 'reactivate'; ticketId: string } & AtCounter)
  | ({ type: 'transfer'; target: TransferTarget; position: TransferPosition } & AtCounter)
  | { type: 'cancel'; ticketId: string; byUserId: string | null }
  /** Not a client's: the server's day boundary (day-boundary.ts). */
  | { type: 'closeEarlierDays' }
  | ({ type: 'signIn' } & AtCounter)
  | ({ type: 'pause'; reasonId: string } & AtCounter)
  | ({ type: 'resume' } & AtCounter)
  | ({ type: 'signOut' } & AtCounter);
export type CommandType = Command['type'];

export type Decide = (state: QueueState, command: Command, ctx: RuleContext) => Result<DomainEvent[]>;
export type ApplyEvent = (state: QueueState, event: DomainEvent) => QueueState;
