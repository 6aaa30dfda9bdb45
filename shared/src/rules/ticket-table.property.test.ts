import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waitingDayOf, type Ticket, type TicketState } from '../domain/ticket';
import { compareQueueKey, isOverdue, isPriority, overdueSince } from './call-order';
import { waitingQueueOf } from './held-tickets-index';
import { newTicket } from './queue-state';
import { TicketTable } from './ticket-table';

/*
 * The persistent table against the plainest model there is: a copied Map per version. Random changes are made
 * to random versions (old ones included, so the table re-roots back and forth), and every version is read
 * afterwards, in random order: each must hold exactly its own tickets, and its index (waiting lines and their
 * sorted counts included) must say what a scan of those tickets says.
 */

const IDS = Array.from({ length: 12 }, (_, i) => `ticket-${String(i).padStart(10, '0')}`);
const DAYS = ['2026-11-24', '2026-11-25'];

type Op = {
  version: number;
  id: number;
  remove: boolean;
  state: TicketState;
  day: number;
  service: string;
  target: string | null;
  priority: boolean;
  /** Minutes: few values, so ties (broken by id) are common. */
  queueMin: number;
  legMin: number;
  /** A transferred leg waiting on the next day (the ticket's own day is `day`). */
  legNextDay: boolean;
  /** Minutes after the leg's start the customer stepped back (null: did not). */
  steppedBackAfterMin: number | null;
};

const op: fc.Arbitrary<Op> = fc.record({
  version: fc.nat(1000),
  id: fc.nat(IDS.length - 1),
  remove: fc.boolean(),
  state: fc.constantFrom<TicketState>('waiting', 'waiting', 'called', 'serving', 'no_show'),
  day: fc.nat(DAYS.length - 1),
  service: fc.constantFrom('cash', 'loans'),
  target: fc.constantFrom<string | null>(null, null, 'c1'),
  priority: fc.boolean(),
  queueMin: fc.nat(5),
  legMin: fc.nat(5),
  legNextDay: fc.boolean(),
  steppedBackAfterMin: fc.constantFrom<number | null>(null, null, 0, 2, 6),
});

const NOW = 10 * 60_000;
const POLICY = { priority: 1, normal: 2, maxNormalWaitMin: 7 };
/** A ticket asking where it stands: between the others by queueKey. */
const PROBE = { ...newTicket({ id: 'ticket-probe-0000', businessDay: '2026-11-25', serviceId: 'cash', number: 1, displayNumber: 'A1', language: 'en', priorityReasonId: null, issuedAt: 0 }), queueKey: 3 * 60_000 };
/** Overdue ones longest first: by when their wait began to count (the leg's start, or a later step back). */
const byOverdueSince = (a: Ticket, b: Ticket) => overdueSince(a) - overdueSince(b) || (a.id < b.id ? -1 : 1);

function ticketOf(o: Op, serial: number): Ticket {
  const t = newTicket({
    id: IDS[o.id] ?? 'ticket-missing-id',
    businessDay: DAYS[o.day] ?? '2026-11-25',
    serviceId: o.service,
    number: serial + 1,
    displayNumber: `A${serial + 1}`,
    language: 'en',
    priorityReasonId: o.priority ? 'senior' : null,
    issuedAt: serial,
  });
  const moved = o.legNextDay && o.day === 0 ? { leg: 2, legBusinessDay: DAYS[1] } : {};
  const legStartedAt = o.legMin * 60_000;
  const steppedBackAt = o.steppedBackAfterMin === null ? null : legStartedAt + o.steppedBackAfterMin * 60_000;
  return { ...t, ...moved, state: o.state, targetCounterId: o.target, queueKey: o.queueMin * 60_000, legStartedAt, steppedBackAt };
}

const byId = (a: Ticket, b: Ticket) => (a.id < b.id ? -1 : 1);

function expectSame(table: TicketTable, model: Map<string, Ticket>): void {
  expect(table.size).toBe(model.size);
  expect(table.values().sort(byId)).toEqual([...model.values()].sort(byId));
  for (const id of IDS) {
    expect(table.get(id)).toBe(model.get(id));
    expect(table.has(id)).toBe(model.has(id));
  }
  const held = [...model.values()];
  const index = table.index();
  expect(index.noShowIds().sort()).toEqual(held.filter((t) => t.state === 'no_show').map((t) => t.id).sort());
  const waiting = held.filter((t) => t.state === 'waiting');
  // A waiting ticket is in the queues of its leg's day (a transfer's), not always its issue's.
  expect(index.waitingDaysBefore('9999-12-31')).toEqual([...new Set(waiting.map(waitingDayOf))].sort());
  for (const day of DAYS) {
    const queues = [...new Set(waiting.filter((t) => waitingDayOf(t) === day).map((t) => JSON.stringify(waitingQueueOf(t))))];
    expect(index.linesOn(day).map((line) => JSON.stringify(line.queue)).sort()).toEqual(queues.sort());
    for (const line of index.linesOn(day)) expect(line.businessDay).toBe(day);
  }
  for (const day of DAYS)
    for (const queue of [{ serviceId: 'cash' }, { serviceId: 'loans' }, { counterId: 'c1' }]) {
      const expected = waiting.filter((t) => waitingDayOf(t) === day && JSON.stringify(waitingQueueOf(t)) === JSON.stringify(queue));
      const line = index.lineOf(day, queue);
      expect((line?.values() ?? []).sort(byId)).toEqual(expected.sort(byId));
      expect(line?.size ?? 0).toBe(expected.length);
      expect(line?.oldestLegStart() ?? null).toBe(expected.length === 0 ? null : Math.min(...expected.map((t) => t.legStartedAt)));
      expect(line?.overdue(POLICY, NOW) ?? []).toEqual(expected.filter((t) => isOverdue(t, POLICY, NOW)).sort(byOverdueSince));
      for (const priority of [true, false]) {
        const mine = expected.filter((t) => isPriority(t) === priority);
        expect(line?.count(priority) ?? 0).toBe(mine.length);
        expect(line?.countBefore(priority, PROBE) ?? 0).toBe(mine.filter((t) => compareQueueKey(t, PROBE) < 0).length);
      }
    }
}

describe('ticket table', () => {
  it('keeps every version readable and unchanged, with an index true to its tickets, whichever version was read last', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.array(fc.nat(1000), { maxLength: 30 }), (ops, reads) => {
        const versions: TicketTable[] = [TicketTable.empty()];
        const models: Map<string, Ticket>[] = [new Map()];
        ops.forEach((o, serial) => {
          const from = o.version % versions.length;
          const table = versions[from]!;
          const model = new Map(models[from]);
          const id = IDS[o.id]!;
          if (o.remove) {
            model.delete(id);
            const next = table.without(id);
            if (!models[from]!.has(id)) expect(next).toBe(table);
            versions.push(next);
          } else {
            const t = ticketOf(o, serial);
            model.set(id, t);
            versions.push(table.with(t));
          }
          models.push(model);
        });
        for (const r of reads) expectSame(versions[r % versions.length]!, models[r % versions.length]!);
        versions.forEach((v, i) => expectSame(v, models[i]!));
      }),
      { numRuns: 300 },
    );
  });

  it('builds from a list the same table as adding the tickets one by one', () => {
    const tickets = IDS.map((_, i) => ticketOf({ version: 0, id: i, remove: false, state: 'waiting', day: i % 2, service: 'cash', target: null, priority: i % 3 === 0, queueMin: i % 4, legMin: i % 5, legNextDay: i % 4 === 0, steppedBackAfterMin: i % 3 === 1 ? 2 : null }, i));
    const one = tickets.reduce((t, x) => t.with(x), TicketTable.empty());
    const all = TicketTable.of(tickets);
    expectSame(all, new Map(tickets.map((t) => [t.id, t])));
    expect(all.values().sort(byId)).toEqual(one.values().sort(byId));
  });
});
