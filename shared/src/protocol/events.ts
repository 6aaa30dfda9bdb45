import type { BranchConfig } from '../config/branch-config';
import type { Ticket } from '../domain/ticket';
import type { Result } from '../result';
import type { CommandName, CommandPayload } from './commands';
import type { BranchSnapshot, CallView, CounterView, DeviceView, IssuedTicket, QueueSummary, RatingPrompt } from './views';
import type { StaffingAlert } from './staffing';

/** What each command's successful ack carries. */
export interface CommandResults {
  'ticket:issue': IssuedTicket;
  'appointment:checkIn': IssuedTicket;
  'ticket:callNext': { ticket: Ticket };
  'ticket:call': { ticket: Ticket };
  'ticket:recall': { ticket: Ticket };
  'ticket:start': { ticket: Ticket };
  'ticket:finish': { ticket: Ticket };
  'ticket:noShow': { ticket: Ticket };
  'ticket:reactivate': { ticket: Ticket };
  'ticket:transfer': { ticket: Ticket };
  'ticket:cancel': { ticket: Ticket };
  'ticket:confirm': { ticket: Ticket };
  'ticket:checkIn': { ticket: Ticket };
  'ticket:stepBack': { ticket: Ticket };
  'counter:signIn': { counter: CounterView };
  'counter:pause': { counter: CounterView };
  'counter:resume': { counter: CounterView };
  'counter:signOut': { counter: CounterView };
  'rating:submit': { rated: true };
  'sync:request': BranchSnapshot;
}

export type Ack<K extends CommandName> = (response: Result<CommandResults[K]>) => void;

export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandPayload<K>, ack: Ack<K>) => void;
};

/** Broadcasts carry the server's sequence number; a client drops any with seq ≤ its snapshot's seq. */
export interface BroadcastEvents {
  'ticket:issued': (msg: { seq: number; ticket: Ticket }) => void;
  /**
   * `counter`: the calling counter as the call left it, for the roles that follow counters (display, teller,
   * manager), instead of a separate `counter:updated`: one message per call to each of them. Absent on a
   * ticket's status page (it carries the teller's name) and when the call did not change the counter.
   * `ticket`: the called ticket as the call left it, to staff and the ticket's status page; absent on the displays'
   * copy (displays keep no tickets, and it is most of the message).
   */
  'ticket:called': (msg: { seq: number; call: CallView; ticket?: Ticket; counter?: CounterView }) => void;
  'ticket:updated': (msg: { seq: number; ticket: Ticket }) => void;
  'queue:changed': (msg: { seq: number; queues: QueueSummary[] }) => void;
  'counter:updated': (msg: { seq: number; counter: CounterView }) => void;
  'config:changed': (msg: { seq: number; config: BranchConfig }) => void;
  'device:updated': (msg: { seq: number; device: DeviceView }) => void;
  /** Every live staffing alert now (replaces the list); managers, and tellers when the configuration says so. */
  'staffing:alerts': (msg: { seq: number; alerts: StaffingAlert[] }) => void;
}

/** One broadcast inside a `batch`: its event name and the payload it would have had alone. */
export type BatchedBroadcast = { [K in keyof BroadcastEvents]: { event: K; payload: Parameters<BroadcastEvents[K]>[0] } }[keyof BroadcastEvents];

export interface ServerToClientEvents extends BroadcastEvents {
  snapshot: (snapshot: BranchSnapshot) => void;
  /**
   * Several broadcasts for a teller or manager from one server turn (a burst of calls committed together),
   * in sequence order, as one socket message: one write per staff socket instead of one per broadcast.
   * A turn with a single broadcast for them sends it alone, as its own event. Never sent to displays.
   */
  batch: (msg: { messages: BatchedBroadcast[] }) => void;
  /**
   * A counter's rating screen only: what to ask now, on connect and whenever it changes (a visit ended served at
   * its counter; the counter called the next ticket: null, back to idle). Not sequenced: nothing else reaches it.
   */
  'rating:prompt': (msg: { prompt: RatingPrompt | null }) => void;
  /** Sent just before the server closes this connection: session revoked, device revoked, expired. */
  'session:ended': (msg: { reason: string }) => void;
}

/** Sent in socket.io's `auth` on connect (never in the URL). */
export interface HandshakeAuth {
  protocolVersion: number;
  /** A user session token (teller, manager) or a device token (kiosk, display, rating screen). */
  token?: string;
  /** The public ticket status page watches one ticket, with no token. */
  ticketId?: string;
}
