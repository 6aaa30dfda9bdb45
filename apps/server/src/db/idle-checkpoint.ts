import type { Db } from './database';

/** How long the branch must have written nothing before its WAL is checkpointed. */
export const IDLE_CHECKPOINT_MS = 100;
/**
 * A quiet moment's checkpoint that could not copy everything back (a report's read still needs older pages) is tried
 * again this much later, while nothing new is committed, up to IDLE_CHECKPOINT_TRIES times.
 */
export const IDLE_CHECKPOINT_RETRY_MS = 1000;
export const IDLE_CHECKPOINT_TRIES = 60;
/** SQLite's own checkpoint on the server's connection, now a backstop for continuous load: pages of 4 KiB, about 40 MB. */
export const WAL_CHECKPOINT_PAGES = 10_000;
/** What the WAL is cut back to when it restarts after a complete checkpoint (bytes): the backstop and some margin. */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** A `wal_checkpoint` pragma's row: frames in the WAL, and how many of them are now in the database file. */
interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Checkpoints the branch server's WAL when the branch is quiet, so a customer's command seldom waits for one.
 *
 * SQLite checkpoints inside the commit that makes the WAL pass `wal_autocheckpoint` pages: that command's ack
 * waits while every page changed since the last checkpoint is copied back into the database file and synced
 * (3–4 ms at SQLite's default of 1000 pages, about 80 tickets: 1.5 % of commits under continuous load). This raises
 * that threshold to a backstop on the server's connection and checkpoints once nothing has been committed through
 * the command pipeline for IDLE_CHECKPOINT_MS: between a branch's commands, seconds apart, the WAL is copied back
 * while nobody waits (a command arriving meanwhile waits for the rest of it, a few milliseconds); under continuous
 * load the backstop checkpoints about once per 800 tickets, each longer, fewer pages in all (a page changed by
 * many tickets is copied back once). PASSIVE: it never waits for a reader (the report thread's long reads) and
 * copies what it can; what it could not is tried again every second while the branch stays quiet. Only the branch
 * server uses this: head office's replicas and the tools keep SQLite's own checkpoints.
 */
export class IdleCheckpoint {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Attempts left for the WAL committed so far; each commit gives it the full count again. */
  private triesLeft = IDLE_CHECKPOINT_TRIES;
  /** Whether the pending timer is a retry's (retryMs) rather than the idle time's. */
  private retrying = false;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
    private readonly idleMs = IDLE_CHECKPOINT_MS,
    private readonly retryMs = IDLE_CHECKPOINT_RETRY_MS,
  ) {
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    // A WAL that grew past this (a long report read held checkpoints back) is cut back to it when it restarts.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  }

  /** Something was committed: checkpoint once nothing more has been for idleMs. Cheap enough for every commit. */
  committed(): void {
    if (this.stopped) return;
    this.triesLeft = IDLE_CHECKPOINT_TRIES;
    // A pending retry's timer runs a second, not the idle time: replaced, not refreshed.
    if (this.timer && !this.retrying) {
      this.timer.refresh();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(this.idleMs, false);
  }

  private schedule(ms: number, retrying: boolean): void {
    this.retrying = retrying;
    this.timer = setTimeout(() => this.checkpoint(), ms);
    // A pending checkpoint never keeps the process alive: the next start (or the backstop) catches up.
    this.timer.unref();
  }

  /** No checkpoint after this (the server is closing its database). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private checkpoint(): void {
    this.timer = null;
    if (!this.db.open || this.db.inTransaction) return;
    this.triesLeft--;
    let copied: CheckpointResult | undefined;
    try {
      [copied] = this.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    } catch (error) {
      // Nothing is lost: the WAL keeps every commit, and the backstop or the next quiet moment checkpoints it.
      this.onError(error);
    }
    // Partly copied: a reader (a manager's report) still reads older pages. Without a retry the rest would wait for
    // the next command, however long the branch stays quiet.
    if (copied && copied.checkpointed < copied.log && this.triesLeft > 0) this.schedule(this.retryMs, true);
  }
}
