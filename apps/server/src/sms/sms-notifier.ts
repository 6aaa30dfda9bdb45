import type { Db } from '../db/database';
import type { SmsGateway } from './http-sms-gateway';
import type { Logger } from 'pino';

/** A checkpoint that could not truncate the WAL (a reader held it) is tried again this much later, this often. */
const CHECKPOINT_RETRY_MS = 2000;
const CHECKPOINT_TRIES = 30;

/** What an SMS is about, as the delivery log records it: a visit's alert, or a booking's reminder. */
export type SmsSubject = { kind: 'near' | 'called'; ticketId: string } | { kind: 'reminder'; bookingId: string };

/**
 * The one way Rinda sends SMS (the phone's turn alerts, appointment reminders): through the gateway, each message
 * logged in `sms_deliveries` by what it is about and how it went — never the number or the text — and, after a
 * number is deleted, the WAL truncated so no copy of the deleted page stays in it (docs/SECURITY.md).
 */
export class SmsNotifier {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly deps: { db: Db; clock: () => number; logger: Logger },
    readonly gateway: SmsGateway | null,
  ) {}

  get available(): boolean {
    return this.gateway !== null;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  send(subject: SmsSubject, to: string, text: string): void {
    if (!this.gateway) return;
    const { db, clock, logger } = this.deps;
    const ticketId = subject.kind === 'reminder' ? null : subject.ticketId;
    const bookingId = subject.kind === 'reminder' ? subject.bookingId : null;
    const logId = Number(
      db
        .prepare("INSERT INTO sms_deliveries (ticket_id, booking_id, kind, status, attempts, created_at, updated_at) VALUES (?, ?, ?, 'sending', 0, ?, ?)")
        .run(ticketId, bookingId, subject.kind, clock(), clock()).lastInsertRowid,
    );
    const update = db.prepare('UPDATE sms_deliveries SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?');
    let attempts = 0;
    let lastError: string | null = null;
    this.gateway
      .send({ id: String(logId), to, text }, (attempt, error) => {
        attempts = attempt;
        lastError = error;
        if (!this.closed) update.run('sending', attempt, error, clock(), logId);
      })
      .then(
        () => !this.closed && update.run('sent', attempts, null, clock(), logId),
        () => {
          if (!this.closed) update.run('failed', attempts, lastError, clock(), logId);
          // The reason only (an HTTP status or a network error's name): never the number or the text.
          logger.warn({ event: 'sms_failed', deliveryId: logId, kind: subject.kind, reason: lastError }, 'an SMS could not be delivered');
        },
      );
  }

  /**
   * After numbers were deleted (secure_delete overwrote their pages): truncates the WAL, retried while a reader holds
   * it. An attempt never waits for the reader: it runs on the server's thread, where the connection's busy timeout
   * (5 s) would hold every command while a manager's report reads, so the timeout is 0 for the attempt.
   */
  truncateWal(triesLeft = CHECKPOINT_TRIES): void {
    if (this.closed) return;
    const { db } = this.deps;
    const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    let result: { busy: number } | undefined;
    try {
      [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    } finally {
      db.pragma(`busy_timeout = ${busyTimeout}`);
    }
    if (!result || result.busy === 0 || triesLeft <= 1) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.truncateWal(triesLeft - 1);
    }, CHECKPOINT_RETRY_MS);
    timer.unref();
    this.timers.add(timer);
  }
}
