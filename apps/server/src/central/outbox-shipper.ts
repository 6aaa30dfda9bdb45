import { CENTRAL_LIMITS, CENTRAL_PATHS, messageOf, ShipBatchReply, ShipGapReply, type OutboxRecord } from '@rinda/shared';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import { postJson } from './central-http';
import type { CentralLink } from './central-link';

/** Shipping limits and pacing (docs/OPERATIONS.md, "Head office"). */
export const SHIPPER_DEFAULTS = {
  batchRecords: CENTRAL_LIMITS.maxBatchRecords,
  /** With nothing to ship, look again this often (a commit also wakes the shipper at once). */
  idlePollMs: 2_000,
  /** After a failure wait this long, doubling each time up to the maximum, with ±20 % jitter. */
  firstBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
  /** Shipped records are kept this long before they are pruned: a head office restored from a backup can ask again. */
  keepShippedMs: 30 * 24 * 60 * 60_000,
} as const;

export interface ShipperOptions {
  db: Db;
  link: CentralLink;
  logger: Pick<Logger, 'info' | 'warn'>;
  clock?: () => number;
  batchRecords?: number;
  idlePollMs?: number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
}

export type ShipOutcome = 'shipped' | 'empty' | 'failed';

/**
 * Ships the outbox to head office in order, one batch at a time, and never holds up the branch: it runs on
 * timers beside the live path, reads a batch in one short query, and on any failure backs off and tries
 * again. What head office confirmed (`storedThrough`) is recorded after its reply, so a kill at any moment
 * resends at most one batch, which head office ignores (unique key on branch and sequence).
 */
export class OutboxShipper {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;
  private failures = 0;
  private readonly clock: () => number;
  private readonly batchRecords: number;
  private readonly readBatch;
  private readonly countAfter;
  private readonly confirm;
  private readonly prune;
  private readonly noteError;

  constructor(private readonly options: ShipperOptions) {
    const { db } = options;
    this.clock = options.clock ?? Date.now;
    this.batchRecords = Math.min(options.batchRecords ?? SHIPPER_DEFAULTS.batchRecords, CENTRAL_LIMITS.maxBatchRecords);
    this.readBatch = db.prepare('SELECT seq, kind, at, body FROM central_outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.countAfter = db.prepare('SELECT count(*) AS n FROM central_outbox WHERE seq > ?').pluck();
    this.confirm = db.prepare('UPDATE central_link SET stored_through = ?, last_shipped_at = ?, last_error = NULL WHERE id = 1');
    this.prune = db.prepare('DELETE FROM central_outbox WHERE seq <= ? AND at < ?');
    this.noteError = db.prepare('UPDATE central_link SET last_error = ? WHERE id = 1');
  }

  start(): void {
    this.schedule(0);
  }

  /** A commit happened: ship soon, unless backing off after a failure. */
  wake(): void {
    if (this.failures === 0 && !this.running) this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  storedThrough(): number {
    return (this.options.db.prepare('SELECT stored_through FROM central_link WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  }

  /** Ships one batch; exported for tests that step the shipper by hand. */
  async shipOnce(): Promise<ShipOutcome> {
    const { db, link } = this.options;
    const from = this.storedThrough();
    const { rows, branchNow, remaining } = db.transaction(() => {
      // One read transaction: `remaining` and the clock describe exactly the outbox the batch was read from.
      const now = this.clock();
      const batch = this.readBatch.all(from, this.batchRecords) as { seq: number; kind: OutboxRecord['kind']; at: number; body: string }[];
      const after = batch.length === 0 ? 0 : (this.countAfter.get(batch[batch.length - 1]!.seq) as number);
      return { rows: batch, branchNow: now, remaining: after };
    })();
    if (rows.length === 0 && this.lastReportedEmptyAt !== null && branchNow - this.lastReportedEmptyAt < HEARTBEAT_MS) return 'empty';
    const records = rows.map((r) => ({ seq: r.seq, kind: r.kind, at: r.at, body: JSON.parse(r.body) as unknown }) as OutboxRecord);
    const reply = await postJson(`${link.url}${CENTRAL_PATHS.batches}`, { branchId: link.branchId, branchNow, remaining, records }, { token: link.token, ...(link.ca ? { ca: link.ca } : {}) });
    if (reply.status === 409) {
      const gap = ShipGapReply.safeParse(reply.body);
      if (gap.success) {
        // Head office lost or never had what the branch thought it confirmed (restored from a backup): go back.
        this.options.logger.warn({ event: 'central_gap', expectedSeq: gap.data.expectedSeq, had: from }, 'head office asks to resend from an earlier record');
        this.confirm.run(gap.data.expectedSeq - 1, this.clock());
        return 'failed';
      }
    }
    const ok = reply.status === 200 ? ShipBatchReply.safeParse(reply.body) : null;
    if (!ok?.success) throw new Error(`head office answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    const now = this.clock();
    db.transaction(() => {
      this.confirm.run(ok.data.storedThrough, now);
      this.prune.run(ok.data.storedThrough, now - SHIPPER_DEFAULTS.keepShippedMs);
    })();
    if (remaining === 0) this.lastReportedEmptyAt = branchNow;
    return rows.length === 0 ? 'empty' : 'shipped';
  }

  private lastReportedEmptyAt: number | null = null;

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let next: number = this.options.idlePollMs ?? SHIPPER_DEFAULTS.idlePollMs;
    try {
      const outcome = await this.shipOnce();
      if (this.failures > 0) this.options.logger.info({ event: 'central_reached', after: this.failures }, 'head office reached again');
      this.failures = 0;
      if (outcome === 'shipped') next = 0;
    } catch (error) {
      // Stopped while a request was out (the server is closing): nothing to record, nothing to retry.
      if (this.stopped) return;
      this.failures++;
      const first = this.options.firstBackoffMs ?? SHIPPER_DEFAULTS.firstBackoffMs;
      const max = this.options.maxBackoffMs ?? SHIPPER_DEFAULTS.maxBackoffMs;
      next = Math.min(max, first * 2 ** Math.min(this.failures - 1, 20)) * (0.8 + Math.random() * 0.4);
      const message = messageOf(error);
      this.noteError.run(message.slice(0, 500));
      if (this.failures === 1 || this.failures % 10 === 0) this.options.logger.warn({ event: 'central_unreachable', failures: this.failures, retryInMs: Math.round(next) }, message);
    } finally {
      this.running = false;
    }
    this.schedule(next);
  }
}

/** With nothing to ship, the branch still says it is alive (and how complete head office is) this often. */
const HEARTBEAT_MS = 60_000;
