import type { AppContext } from './app-context';
import type { TicketPrinting } from './ports';
import type { LiveQueue } from './queue/live-queue';
import type { QueueRules } from './queue/rules';
import type { EndedVisits } from './ratings/ended-visits';
import type { DevicePresence } from './realtime/presence';
import type { SnapshotCache } from './realtime/snapshot-cache';
import type { ConnectionGate } from './security/connection-gate';
import type { ServerLimits } from './security/server-limits';
import type { EventStore } from './store/event-store';

/** The server's own parts, beside the AppContext that features see. */
export interface ServerCore {
  ctx: AppContext;
  live: LiveQueue;
  store: EventStore;
  rules: QueueRules;
  presence: DevicePresence;
  printing: TicketPrinting;
  limits: ServerLimits;
  gate: ConnectionGate;
  snapshots: SnapshotCache;
  /** The visit each counter just ended, which its rating screens ask about (ratings/counter-rating.ts). */
  endedVisits: EndedVisits;
}
