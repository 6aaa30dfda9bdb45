import type { BranchSnapshot } from '@rinda/shared';
import type { Principal } from '../auth/principal';

/**
 * How long a built snapshot is shared while no broadcast moved `seq`: long enough to share a burst (a
 * reconnect storm after a restart, a flood of sync:request), short enough that what changes with time
 * alone (wait estimates, which tickets are overdue) is at most this old.
 */
const MAX_AGE_MS = 1000;
/** Views held at once: the four roles and the status pages of tickets being followed. */
const MAX_VIEWS = 512;

/** Everything in a snapshot but whom it is for and when it leaves: the same for every socket of one view. */
export type SharedSnapshot = Omit<BranchSnapshot, 'me' | 'serverTime'>;

/** A shared snapshot made one socket's: who it is for, and the server's time as it leaves (clients take their clock offset from it). */
export function personalSnapshot(shared: SharedSnapshot, principal: Principal, serverTime: number): BranchSnapshot {
  const me =
    principal.kind === 'user'
      ? { id: principal.userId, name: principal.name, role: principal.role }
      : principal.kind === 'device'
        ? { id: principal.deviceId, name: principal.name, role: principal.role }
        : null;
  return { ...shared, serverTime, me };
}

/** The sockets that get the same snapshot at one `seq`: every socket of a role, or a status page's ticket. */
export function snapshotView(principal: Principal): string {
  return principal.kind === 'public' ? `public:${principal.ticketId}` : principal.role;
}

/** Where a socket keeps the snapshot it is waiting for, so its further requests share it. */
export interface SnapshotWaiter {
  pendingSnapshot: Promise<BranchSnapshot> | null;
}

interface Entry {
  builtAt: number;
  /** The branch clock when built: a clock set forward (tests, a corrected system clock) ends the sharing too. */
  builtAtClock: number;
  shared: SharedSnapshot;
}

/**
 * Snapshots built once and shared: by every socket of the same view at the same `seq` (the cache), and,
 * for one socket, by all the requests it sends while one is being prepared (coalesced). What a snapshot
 * costs the server then depends on how often the branch changes, not on how often clients ask.
 */
export class SnapshotCache {
  private seq = -1;
  private readonly views = new Map<string, Entry>();

  constructor(
    private readonly deps: {
      build: (principal: Principal) => SharedSnapshot;
      seq: () => number;
      /** The branch clock, for `serverTime`. */
      clock: () => number;
      /** A monotonic clock for the cache's age. */
      monotonic: () => number;
    },
  ) {}

  /** This principal's snapshot now: shared when one of its view at this `seq` is recent, built otherwise. */
  get(principal: Principal): BranchSnapshot {
    const seq = this.deps.seq();
    const now = this.deps.monotonic();
    const clock = this.deps.clock();
    if (seq !== this.seq || this.views.size >= MAX_VIEWS) {
      this.views.clear();
      this.seq = seq;
    }
    const key = snapshotView(principal);
    let entry = this.views.get(key);
    if (!entry || now - entry.builtAt > MAX_AGE_MS || Math.abs(clock - entry.builtAtClock) > MAX_AGE_MS) {
      entry = { builtAt: now, builtAtClock: clock, shared: this.deps.build(principal) };
      this.views.set(key, entry);
    }
    return personalSnapshot(entry.shared, principal, clock);
  }

  /**
   * The snapshot for a socket's sync:request, at the end of this event-loop turn: every request the socket
   * sends before then gets the same one. A socket has at most one snapshot in preparation.
   */
  coalesced(waiter: SnapshotWaiter, principal: Principal): Promise<BranchSnapshot> {
    waiter.pendingSnapshot ??= new Promise<BranchSnapshot>((resolve, reject) => {
      setImmediate(() => {
        waiter.pendingSnapshot = null;
        try {
          resolve(this.get(principal));
        } catch (error) {
          reject(error);
        }
      });
    });
    return waiter.pendingSnapshot;
  }

  /** Views held now (a test checks the bound). */
  get size(): number {
    return this.views.size;
  }
}
