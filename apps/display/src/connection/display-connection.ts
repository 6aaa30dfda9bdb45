import type { CallView } from '@rinda/shared';
import { LiveConnection } from '@rinda/shared/ui/connection';
import { CallTracker } from './call-tracker';

export type { ConnectionStatus } from '@rinda/shared/ui/connection';

/** Until the first snapshot brings the branch's own setting. */
const DEFAULT_OFFLINE_AFTER_SEC = 5;

/**
 * The lobby screen's socket (the shared connection core) with its device token: offline after the branch's
 * `display.offlineAfterSec` without the server, a half-open connection found by the health probe, and each
 * new call handed to `onCall` (never an old one again after a reconnect).
 */
export class DisplayConnection extends LiveConnection {
  constructor(token: string, onCall: (call: CallView) => void) {
    super({
      credentials: { token },
      offlineAfterMs: (view) => (view?.config.display.offlineAfterSec ?? DEFAULT_OFFLINE_AFTER_SEC) * 1000,
      probe: { everyMs: 2000, timeoutMs: 2000 },
    });
    const tracker = new CallTracker();
    this.onSnapshot((view) => {
      for (const call of tracker.fromSnapshot(view)) onCall(call);
    });
    this.onBroadcast((message) => {
      if (message.event !== 'ticket:called') return;
      for (const call of tracker.fromBroadcast(message.payload.call)) onCall(call);
    });
  }
}
