import { applyEvent, BranchConfig, createQueueState, ShippedEvent, ShippedRating, type DomainEvent, type OutboxRecord, type QueueState } from '@rinda/shared';
import { BookingStore, EventStore, loadQueueState, openDatabase, storeRating, type Db } from '@rinda/server/replay';
import type { Sql } from '../db/sql';

/** Records read from PostgreSQL and applied per SQLite transaction while a replica catches up. */
const CATCH_UP_CHUNK = 5_000;

/**
 * A branch's events replayed, in sequence order, through the branch's own event store and rules into a
 * SQLite file of head office's (docs/ARCHITECTURE.md, "Head office"): the very tables and roll-ups the branch's
 * report code reads, so a report at head office is the branch's report by construction, not a second
 * implementation of METRICS.md. PostgreSQL stays the record; a replica is a cache, rebuilt from it if lost.
 */
export class BranchReplica {
  private state: QueueState | null;
  private readonly store: EventStore;
  /** The branch's bookings, from its appointment.* events: the appointments report reads them beside the tickets. */
  private readonly bookings: BookingStore;
  private appliedSeq: number;
  /** Events the rules could not apply (a history that started before the branch had an outbox); logged, counted. */
  skipped = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly branchId: string,
    readonly db: Db,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS central_replica (id INTEGER PRIMARY KEY CHECK (id = 1), applied_seq INTEGER NOT NULL)');
    this.appliedSeq = (db.prepare('SELECT applied_seq FROM central_replica WHERE id = 1').pluck().get() as number | undefined) ?? 0;
    this.store = new EventStore(db, { outbox: false });
    this.bookings = new BookingStore(db, { outbox: false });
    const stored = db.prepare('SELECT json FROM branch_config WHERE id = 1').pluck().get() as string | undefined;
    const config = stored ? BranchConfig.parse(JSON.parse(stored)) : null;
    this.state = config ? loadQueueState(db, config, Date.now()) : null;
  }

  static open(branchId: string, file: string | null): BranchReplica {
    return new BranchReplica(branchId, openDatabase(file ?? ':memory:'));
  }

  config(): BranchConfig | null {
    return this.state?.config ?? null;
  }

  queueState(): QueueState | null {
    return this.state;
  }

  /** The last record applied (or skipped): the replica holds the branch through this sequence number. */
  get appliedThrough(): number {
    return this.appliedSeq;
  }

  /** Applies what PostgreSQL holds beyond what this replica has; calls for one replica take turns. */
  catchUp(sql: Sql): Promise<number> {
    return this.exclusive(() => this.catchUpNow(sql));
  }

  /**
   * Runs `work` when no other catch-up or exclusive work of this replica is running: a roll-up publication
   * reads the replica as of one sequence number, which a catch-up in between would move.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** catchUp, for work already running exclusively. */
  async catchUpNow(sql: Sql): Promise<number> {
    let applied = 0;
    for (;;) {
      const rows = await sql.query<{ seq: number; kind: OutboxRecord['kind']; body: unknown }>(
        'SELECT seq, kind, body FROM branch_events WHERE branch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [this.branchId, this.appliedSeq, CATCH_UP_CHUNK],
      );
      if (rows.length === 0) return applied;
      this.db.transaction(() => {
        for (const row of rows) this.apply(row);
        this.db.prepare('INSERT INTO central_replica (id, applied_seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET applied_seq = excluded.applied_seq').run(rows[rows.length - 1]!.seq);
      })();
      this.appliedSeq = rows[rows.length - 1]!.seq;
      applied += rows.length;
    }
  }

  private apply(row: { kind: OutboxRecord['kind']; body: unknown }): void {
    if (row.kind === 'rating') return this.applyRating(ShippedRating.parse(row.body));
    if (row.kind === 'config') {
      const config = BranchConfig.parse(row.body);
      this.db.prepare('INSERT INTO branch_config (id, json, updated_at) VALUES (1, ?, 0) ON CONFLICT (id) DO UPDATE SET json = excluded.json').run(JSON.stringify(config));
      this.state = this.state ? { ...this.state, config } : createQueueState(config);
      return;
    }
    if (!this.state) throw new Error(`branch ${this.branchId} shipped an event before its configuration`);
    const event = ShippedEvent.parse(row.body);
    if (isBookingEvent(event)) {
      // Who changed a booking stays at the branch (its audit); head office needs what became of it.
      try {
        this.db.transaction(() => this.bookings.write([event], null))();
      } catch {
        this.skipped++;
      }
      return;
    }
    const before = this.state;
    try {
      // A savepoint per event: one the rules refuse leaves no half-written rows behind.
      this.state = this.db.transaction(() => this.store.persist(before, [event], applyEvent).after)();
    } catch {
      this.skipped++;
    }
  }

  /**
   * A visit's rating into the replica through the branch's own rating store, without the comment (never shipped):
   * the branch's satisfaction figures read only the score. Its visit must be here; one whose events the rules
   * refused is skipped with it. A rating of a day already rolled up drops that roll-up (branch migration 135).
   */
  private applyRating(rating: ShippedRating): void {
    try {
      storeRating(this.db, { ...rating, comment: null }, { outbox: false });
    } catch {
      this.skipped++;
    }
  }

  close(): void {
    this.db.close();
  }
}

const isBookingEvent = (e: ShippedEvent): e is Exclude<ShippedEvent, DomainEvent> => e.type.startsWith('appointment.');
