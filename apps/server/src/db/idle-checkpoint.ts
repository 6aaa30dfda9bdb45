import type { Db } from './database';

/** How long the branch must have written nothing before its WAL is checkpointed. */
export const IDLE_CHECKPOINT_MS = 100;

/**
 * Checkpoints the WAL when the branch is quiet, so a customer's command almost never pays for one.
 *
 * SQLite checkpoints inside the commit that makes the WAL pass `wal_autocheckpoint` pages: that command's ack
 * waits while every page changed since the last checkpoint is copied back into the database file and synced
 * (3–4 ms at SQLite's default of 1000 pages, about 80 tickets). The server raises that threshold to a backstop
 * (database.ts) and checkpoints here instead, once nothing has been committed for IDLE_CHECKPOINT_MS: between a
 * branch's commands, seconds apart, the WAL is copied back while nobody waits; under continuous load the
 * backstop checkpoints about once per 800 tickets. PASSIVE: it never waits for a reader (the report thread's
 * long reads) and copies what it can.
 */
export class IdleCheckpoint {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
    private readonly idleMs = IDLE_CHECKPOINT_MS,
  ) {}

  /** Something was committed: checkpoint once nothing more has been for idleMs. Cheap enough for every commit. */
  committed(): void {
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => this.checkpoint(), this.idleMs);
    // A pending checkpoint never keeps the process alive: the next start (or the backstop) catches up.
    this.timer.unref();
  }

  /** No checkpoint after this (the server is closing its database). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private checkpoint(): void {
    this.timer = null;
    if (!this.db.open || this.db.inTransaction) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Nothing is lost: the WAL keeps every commit, and the backstop or the next quiet moment checkpoints it.
      this.onError(error);
    }
  }
}
