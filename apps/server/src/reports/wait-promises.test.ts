import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDayStart, demoBranchConfig, newTicket, parseClockTime, type DomainEvent } from '@rinda/shared';
import { openDatabase } from '../db/database';
import { emptyPartial, mergePartial } from './report-partial';
import { runReport } from './report-service';
import { rollupsWrittenTo } from './rollup-writes';
import { historyWriter } from './test-support/write-history';

const config = demoBranchConfig;
const DAY = '2026-03-10';
const at = (clock: string) => businessDayStart(DAY, config.branch.timeZone, parseClockTime(clock));
const teller = { counterId: 'c2', tellerId: 'u-anna' };

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A cash ticket issued at `clock`, told `typical` and `atMost` (null: no number; atMost null alone: told before ranges). */
function issued(n: number, clock: string, typical: number | null, atMost: number | null): DomainEvent {
  const ticket = newTicket({ id: `promise-ticket-${n}`.padEnd(20, '0'), businessDay: DAY, serviceId: 'cash', number: n, displayNumber: `A00${n}`, language: 'lv', priorityReasonId: null, issuedAt: at(clock) });
  return { type: 'ticket.issued', at: ticket.issuedAt, ticket: { ...ticket, estimatedWaitMin: typical, estimatedWaitAtMostMin: atMost } };
}
const id = (n: number) => `promise-ticket-${n}`.padEnd(20, '0');
const called = (n: number, clock: string): DomainEvent => ({ type: 'ticket.called', at: at(clock), ...teller, ticketId: id(n), specific: false });
const finished = (n: number, clock: string): DomainEvent => ({ type: 'ticket.finished', at: at(clock), ...teller, ticketId: id(n) });
const cancelled = (n: number, clock: string): DomainEvent => ({ type: 'ticket.cancelled', at: at(clock), ticketId: id(n), byUserId: null });

describe('the wait-promises report', () => {
  it('gives bias, mean and p90 absolute error and the promise kept, as computed by hand', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-promises-'));
    const file = join(dir, 'branch.db');
    const db = openDatabase(file);
    historyWriter(db, config).write([
      { type: 'counter.signedIn', at: at('09:55'), ...teller },
      issued(1, '10:00', 5, 8), // called after 4 min: 1 min over, kept
      issued(2, '10:01', 5, 7), // called after 8 min: 3 min under, broken (8 > 7)
      issued(3, '10:02', null, null), // told that no counter was open: no promise
      issued(4, '10:03', 2, 3), // left after 7 min, never called: broken (7 > 3)
      issued(5, '10:05', 10, 20), // left after 3 min, before its at most: neither kept nor broken
      issued(6, '10:06', 3, null), // told a typical wait only, before ranges existed: not counted
      called(1, '10:04'),
      finished(1, '10:09'),
      called(2, '10:09'),
      cancelled(5, '10:08'),
      cancelled(4, '10:10'),
      finished(2, '10:15'),
      called(3, '10:15'),
      finished(3, '10:20'),
      cancelled(6, '10:21'),
    ]);
    const deps = { readDb: new Database(file, { readonly: true }), writeRollups: rollupsWrittenTo(db), config: () => config, now: () => at('12:00') + 24 * 3_600_000 };
    const expected = {
      group: 'cash', visits: 6, toldRange: 4, toldNoCounter: 1, called: 2,
      waitMeanSec: 360, // (4 + 8) / 2 min
      biasSec: -60, // ((5 − 4) + (5 − 8)) / 2 min
      meanAbsErrorSec: 120, // (1 + 3) / 2 min
      absErrorP90Sec: 180, // nearest rank of [60, 180]
      promiseKeptPercent: 33.3, // 1 kept ÷ (2 called + 1 never called past its at most)
    };
    // Built from the day's legs, then read again from the day's roll-up.
    for (let run = 0; run < 2; run++) {
      expect((await runReport(deps, { name: 'wait-promises', from: DAY, to: DAY, groupBy: 'service' })).rows).toEqual([expected]);
      expect((await runReport(deps, { name: 'wait-promises', from: DAY, to: DAY, groupBy: 'hour' })).rows).toEqual([{ ...expected, group: '10' }]);
    }
    // The summary's estimate error counts the visits told a number whose every leg was called: 1, 2 and not 3.
    const summary = await runReport(deps, { name: 'summary', from: DAY, to: DAY, groupBy: 'service' });
    expect(summary.rows[0]).toMatchObject({ estimateErrorMeanSec: 120, estimateErrorP90Sec: 180 });
    deps.readDb.close();
    db.close();
  });

  it('reads a day rolled up in format 2, before wait promises existed: its figures, and none of a promise', () => {
    const scalars = [12, 10, 2, 13, 11, 1, 660_000, 10, 3_000_000, 9, 12, 10, 600_000, 0, 3, 5, 6, 7, 8, 9, 10, 11];
    const header = new Float64Array([2, ...scalars]);
    // Histograms wait, service, estimate: one bucket each (bucket index × 2^20 + count).
    const histograms = new Uint32Array([1, 60 * 2 ** 20 + 11, 1, 300 * 2 ** 20 + 10, 1, 60 * 2 ** 20 + 10]);
    const stored = Buffer.concat([new Uint8Array(header.buffer), new Uint8Array(histograms.buffer)]);
    const into = emptyPartial();
    mergePartial(into, new Uint8Array(stored));
    expect(into).toMatchObject({ visits: 12, served: 10, legsCalled: 11, estimateN: 10, idleMs: 11, toldRange: 0, promiseCalled: 0, promiseKept: 0, promiseDen: 0 });
    expect(into.waitHist[60]).toBe(11);
    expect(into.promiseHist.every((x) => x === 0)).toBe(true);
  });
});
