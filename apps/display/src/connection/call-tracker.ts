import type { BranchSnapshot, CallView } from '@rinda/shared';

/**
 * A call missed while disconnected is still worth announcing when it is this fresh (the customer is
 * likely still looking for their counter); older ones are only shown.
 */
export const MISSED_CALL_ANNOUNCE_WINDOW_MS = 30_000;

/**
 * Remembers which calls this screen has seen, so that a snapshot after a reconnect never announces
 * an old call again. Every call is announced at most once per callId; a recall has its own callId.
 */
export class CallTracker {
  private readonly seen = new Set<string>();
  private hadSnapshot = false;

  /** The calls of a fresh snapshot to announce, oldest first: none on the first snapshot after start. */
  fromSnapshot(snapshot: BranchSnapshot): CallView[] {
    const unseen = snapshot.recentCalls.filter((call) => !this.seen.has(call.callId));
    for (const call of unseen) this.seen.add(call.callId);
    const first = !this.hadSnapshot;
    this.hadSnapshot = true;
    if (first) return [];
    return unseen.filter((call) => snapshot.serverTime - call.at <= MISSED_CALL_ANNOUNCE_WINDOW_MS).sort((a, b) => a.at - b.at);
  }

  /** A `ticket:called` broadcast: announce it unless it was already seen. */
  fromBroadcast(call: CallView): CallView[] {
    if (this.seen.has(call.callId)) return [];
    this.seen.add(call.callId);
    return [call];
  }
}
