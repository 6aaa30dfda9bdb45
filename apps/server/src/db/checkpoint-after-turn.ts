import type { Db } from './database';

/**
 * Commands committed between two checkpoints. A ticket's or a call's commit writes about 12 WAL pages, so 64 commits
 * are about SQLite's own cadence (a checkpoint per 1,000 pages).
 */
export const COMMITS_PER_CHECKPOINT = 64;
/**
 * SQLite's own checkpoint on this connection, kept as a backstop only: should the commands' checkpoints fall
 * behind (writes that are not commands, or a reader holding the WAL), the WAL still stops growing at about 40 MB.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/**
 * WAL checkpoints between turns, not inside a command's commit. SQLite checkpoints in the COMMIT that takes the WAL
 * past its limit, before that commit returns: the command whose commit it was waited for a checkpoint (copying about
 * 1,000 pages into the database file and syncing it, milliseconds) before its ack and its call on the displays,
 * every 80 or so commits (the p99 of a lone teller's call, issue 22). Here the checkpoint runs once the turn that
 * committed has sent its acks and broadcasts, on the same thread, so it never runs beside a commit either (a
 * checkpoint on a thread of its own slowed every commit's sync on a shared disk: docs/BENCHMARKS.md). A checkpoint
 * only copies what is already durable in the WAL into the database file: nothing acknowledged depends on it.
 */
export class CheckpointAfterTurn {
  private commits = 0;
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly db: Db,
    /** A checkpoint that fails (a full disk) is reported, not thrown into the turn: the next one tries again. */
    private readonly onError: (error: unknown) => void,
    private readonly commitsPerCheckpoint = COMMITS_PER_CHECKPOINT,
  ) {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  }

  /** A command's transaction was committed: a checkpoint follows the turn when enough have been. */
  committed(): void {
    if (++this.commits < this.commitsPerCheckpoint) return;
    this.scheduled ??= setImmediate(() => this.checkpoint());
  }

  private checkpoint(): void {
    this.scheduled = null;
    this.commits = 0;
    // The server may have closed the database in the turn that asked for this checkpoint (shutting down).
    if (!this.db.open) return;
    try {
      // PASSIVE, as SQLite's own: it copies what no reader still needs and never waits for one.
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      this.onError(error);
    }
  }
}
