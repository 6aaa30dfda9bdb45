import { describe, expect, it } from 'vitest';
import { keptPercent, nearestRank, score, scoreHistory } from './accuracy';
import { BRANCH_SHAPES } from './branch-shapes';
import type { IssueRecord } from './simulate-branch';

const MIN = 60_000;
function record(day: number, ahead: number, waited: number | null, told: [number, number] | null, others: [number, number, number] = [0, 0, 0]): IssueRecord {
  return {
    day, ticketId: `t${day}-${ahead}-${waited}`, serviceId: 'cash', priority: false, issuedAt: 0, ahead,
    rinda: told && { typicalMin: told[0], atMostMin: told[1] },
    formula: others[0], les: others[1], hol: others[2],
    calledAt: waited === null ? null : waited * MIN,
  };
}

describe('back-test statistics', () => {
  it('give mean absolute error, bias (told − waited) and the nearest-rank 90th percentile of the absolute error', () => {
    // Told 5, 5, 10, 2; waited 4, 8, 10, 5 → errors +1, −3, 0, −3.
    const records = [record(9, 1, 4, [5, 7]), record(9, 2, 8, [5, 9]), record(9, 3, 10, [10, 12]), record(9, 0, 5, [2, 4])];
    expect(score(records, (r) => r.rinda!.typicalMin)).toEqual({ n: 4, maeMin: 7 / 4, biasMin: -5 / 4, p90AbsMin: 3 });
    // Called no later than at most: 4 ≤ 7, 8 ≤ 9, 10 ≤ 12; not 5 > 4.
    expect(keptPercent(records)).toBe(75);
    expect(nearestRank([5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 0.9)).toBe(9);
  });

  it('score only tickets issued after the warm-up, told a number and called; the targets on those with 15 or fewer ahead', () => {
    const shape = BRANCH_SHAPES[0]!;
    const records = [
      record(0, 1, 30, [1, 2], [30, 30, 30]), // warm-up day: not scored
      record(shape.warmupDays, 2, 4, null, [9, 9, 9]), // told no counter open: not scored, counted
      record(shape.warmupDays, 2, null, [3, 5]), // never called: not scored, counted
      record(shape.warmupDays, 3, 6, [5, 8], [10, 2, 6]),
      record(shape.warmupDays + 1, 4, 8, [8, 10], [14, 8, 6]),
      record(shape.warmupDays + 1, 40, 60, [50, 55], [70, 60, 60]), // more than 15 ahead: only in "all"
    ];
    const s = scoreHistory({ shape, records, surprises: [] });
    expect({ issued: s.issued, toldNoCounter: s.toldNoCounter, neverCalled: s.neverCalled }).toEqual({ issued: 5, toldNoCounter: 1, neverCalled: 1 });
    expect(s.near.rinda).toEqual({ n: 2, maeMin: 0.5, biasMin: -0.5, p90AbsMin: 1 });
    expect(s.near.formula).toEqual({ n: 2, maeMin: 5, biasMin: 5, p90AbsMin: 6 });
    expect(s.near.les.maeMin).toBe(2);
    expect(s.near.hol.maeMin).toBe(1);
    expect(s.near.keptPercent).toBe(100);
    expect(s.all.rinda.n).toBe(3);
    expect(s.all.keptPercent).toBeCloseTo(200 / 3, 10); // 60 > 55: the far one was called late
    expect(s.met).toEqual({ mae: true, kept: true, vsFormula: true });
  });
});
