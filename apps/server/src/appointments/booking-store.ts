import { randomInt } from 'node:crypto';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH, type Arrival, type Booking, type BookingBook, type BookingEvent, type BookingState } from '@rinda/shared';
import type { Db } from '../db/database';

interface BookingRow {
  id: string;
  code: string;
  serviceId: string;
  date: string;
  time: string;
  slotStart: number;
  slotEnd: number;
  state: BookingState;
  bookedAt: number;
  bookedBy: string | null;
  checkedInAt: number | null;
  arrival: Arrival | null;
  ticketId: string | null;
}
const COLUMNS = `id, code, service_id AS serviceId, slot_date AS date, slot_time AS time, slot_start AS slotStart, slot_end AS slotEnd,
  state, booked_at AS bookedAt, booked_by AS bookedBy, checked_in_at AS checkedInAt, arrival, ticket_id AS ticketId`;

/**
 * The bookings in SQLite, read by the booking rules (BookingBook) and written from their events. Every write
 * runs inside `transact`, with the reads the rules made: better-sqlite3 runs one transaction at a time on the
 * server's one thread, so two clients booking the last place are decided one after the other.
 */
export class BookingStore implements BookingBook {
  private readonly insertOutbox;

  /**
   * `outbox: false` leaves the head-office outbox alone: head office replays a branch's booking events through
   * this store into its replica (apps/central), where they were already shipped.
   */
  constructor(
    private readonly db: Db,
    options: { outbox: boolean } = { outbox: true },
  ) {
    this.insertOutbox = options.outbox ? db.prepare("INSERT INTO central_outbox (kind, at, body) VALUES ('event', ?, ?)") : null;
  }

  byId(id: string): Booking | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM bookings WHERE id = ?`).get(id) as BookingRow | undefined;
  }

  byCode(code: string): Booking | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM bookings WHERE code = ?`).get(code) as BookingRow | undefined;
  }

  placesTaken(serviceId: string, slotStart: number): number {
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM bookings WHERE service_id = ? AND slot_start = ? AND state <> 'cancelled'`).get(serviceId, slotStart) as { n: number };
    return row.n;
  }

  /** Places taken per slot start of a service between two instants. */
  placesTakenBetween(serviceId: string, from: number, to: number): Map<number, number> {
    const rows = this.db
      .prepare(`SELECT slot_start AS start, COUNT(*) AS n FROM bookings WHERE service_id = ? AND slot_start >= ? AND slot_start < ? AND state <> 'cancelled' GROUP BY slot_start`)
      .all(serviceId, from, to) as { start: number; n: number }[];
    return new Map(rows.map((r) => [r.start, r.n]));
  }

  onDate(date: string): Booking[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM bookings WHERE slot_date = ? ORDER BY slot_start, booked_at, id`).all(date) as BookingRow[];
  }

  /** A code no booking holds: 50 random bits from the system's CSPRNG, drawn again on the rare collision. */
  newCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < BOOKING_CODE_LENGTH; i++) code += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
      if (!this.byCode(code)) return code;
    }
  }

  /** Runs decide-and-write as one IMMEDIATE transaction: nothing is written when `work` refuses or throws. */
  transact<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** The appointments of tickets, by ticket id (a restart gives the tickets in memory their booking back). */
  appointmentsOfTickets(ticketIds: readonly string[]): Map<string, { bookingId: string; code: string; slotStart: number; arrival: Arrival }> {
    const rows = this.db
      .prepare(`SELECT id AS bookingId, code, slot_start AS slotStart, arrival, ticket_id AS ticketId FROM bookings WHERE ticket_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ticketIds)) as { bookingId: string; code: string; slotStart: number; arrival: Arrival | null; ticketId: string }[];
    return new Map(rows.map((r) => [r.ticketId, { bookingId: r.bookingId, code: r.code, slotStart: r.slotStart, arrival: r.arrival ?? 'onTime' }]));
  }

  /** Writes committed events' effects (inside `transact`). */
  write(events: readonly BookingEvent[], userId: string | null): void {
    for (const e of events) {
      const bookingId = e.type === 'appointment.booked' ? e.booking.id : e.bookingId;
      if (e.type === 'appointment.booked') {
        const b = e.booking;
        this.db
          .prepare(
            `INSERT INTO bookings (id, code, service_id, slot_date, slot_time, slot_start, slot_end, state, booked_at, booked_by, checked_in_at, arrival, ticket_id)
             VALUES (@id, @code, @serviceId, @date, @time, @slotStart, @slotEnd, @state, @bookedAt, @bookedBy, @checkedInAt, @arrival, @ticketId)`,
          )
          .run(b);
      } else if (e.type === 'appointment.moved') {
        this.db.prepare('UPDATE bookings SET slot_date = ?, slot_time = ?, slot_start = ?, slot_end = ? WHERE id = ?').run(e.date, e.time, e.slotStart, e.slotEnd, e.bookingId);
      } else if (e.type === 'appointment.cancelled') {
        this.db.prepare(`UPDATE bookings SET state = 'cancelled' WHERE id = ?`).run(e.bookingId);
      } else {
        this.db
          .prepare(`UPDATE bookings SET state = 'checkedIn', checked_in_at = ?, arrival = ?, ticket_id = coalesce(?, ticket_id) WHERE id = ?`)
          .run(e.at, e.arrival, e.ticketId ?? null, e.bookingId);
      }
      const { type, at, ...data } = e;
      this.db.prepare('INSERT INTO booking_events (booking_id, type, at, user_id, data) VALUES (?, ?, ?, ?, ?)').run(bookingId, type, at, userId, JSON.stringify(data));
      // With the change or not at all, like the queue's events: head office gets each booking event exactly once.
      this.insertOutbox?.run(at, JSON.stringify(e));
    }
  }
}
