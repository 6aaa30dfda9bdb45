import { commitWithoutSync, type Db } from '../db/database';
import { cachedStatement } from '../db/statement-cache';

export type PrintJobState = 'pending' | 'sending' | 'printed' | 'failed';

export interface PrintJob {
  ticketId: string;
  deviceId: string;
  state: PrintJobState;
  createdAt: number;
  reason: string | null;
}

/** A retry comes within seconds or minutes; print jobs are kept as long as the answers they complete. */
const PRINT_JOB_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The print_jobs table (migration 071): the paper each server-printed ticket is owed, and what became of it. */
export class PrintJobs {
  constructor(private readonly db: Db) {}

  /** Inside the ticket's transaction: the ticket exists exactly when the server owes it paper. */
  recordPending(ticketId: string, deviceId: string, at: number): void {
    cachedStatement(this.db, "INSERT INTO print_jobs (ticket_id, device_id, state, created_at) VALUES (?, ?, 'pending', ?)").run(ticketId, deviceId, at);
  }

  find(ticketId: string): PrintJob | null {
    const row = cachedStatement(this.db, 'SELECT ticket_id AS ticketId, device_id AS deviceId, state, created_at AS createdAt, reason FROM print_jobs WHERE ticket_id = ?').get(ticketId) as
      | PrintJob
      | undefined;
    return row ?? null;
  }

  /**
   * pending → sending, just before the first byte goes out; false if the job was not pending. Not synced
   * to disk (see commitWithoutSync): after a power cut a retry may print the ticket a second time.
   */
  markSending(ticketId: string): boolean {
    return commitWithoutSync(this.db, () => cachedStatement(this.db, "UPDATE print_jobs SET state = 'sending' WHERE ticket_id = ? AND state = 'pending'").run(ticketId).changes === 1);
  }

  /** The outcome, before the kiosk hears it; not synced to disk, as markSending. */
  finish(ticketId: string, state: 'printed' | 'failed', reason: string | null, at: number): void {
    commitWithoutSync(this.db, () => cachedStatement(this.db, 'UPDATE print_jobs SET state = ?, reason = ?, finished_at = ? WHERE ticket_id = ?').run(state, reason, at, ticketId));
  }

  /** The state of the kiosk's newest job other than this one: did it leave a half ticket on the paper? */
  lastStateBefore(deviceId: string, ticketId: string): PrintJobState | null {
    const row = cachedStatement(this.db, 'SELECT state FROM print_jobs WHERE device_id = ? AND ticket_id != ? ORDER BY created_at DESC LIMIT 1').get(deviceId, ticketId) as
      | { state: PrintJobState }
      | undefined;
    return row?.state ?? null;
  }

  prune(now: number): number {
    return this.db.prepare('DELETE FROM print_jobs WHERE created_at < ?').run(now - PRINT_JOB_RETENTION_MS).changes;
  }
}
