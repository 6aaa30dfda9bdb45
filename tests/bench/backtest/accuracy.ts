/**
 * The back-test's statistics, pure so a test checks them on hand-made records. A ticket is scored when it was
 * issued after the warm-up days, called (first leg), and Rinda told it a number (a customer told that no counter
 * was open was promised nothing; every predictor is scored on the same tickets).
 */
import type { BranchShape } from './branch-shapes';
import type { IssueRecord, Simulated } from './simulate-branch';

/** Targets of issue 16, for tickets with at most this many people ahead. */
export const NEAR_AHEAD = 15;
export const TARGET_MAE_MIN = 3;
export const TARGET_KEPT_PERCENT = 90;
/** Rinda's mean absolute error at most this share of the old formula's (at least 30 % below it). */
export const TARGET_VS_FORMULA = 0.7;

export interface Score {
  n: number;
  maeMin: number;
  /** Told minus waited: positive when customers were told more than they waited. */
  biasMin: number;
  p90AbsMin: number;
}

export interface ServiceScore {
  serviceId: string;
  n: number;
  maeMin: number;
  keptPercent: number;
  meanWaitMin: number;
}

export interface HistoryScore {
  shape: BranchShape;
  issued: number;
  /** Tickets told that no counter was open (no number), and told a number but never called (gone at closing). */
  toldNoCounter: number;
  neverCalled: number;
  /** Scored tickets with at most NEAR_AHEAD ahead: what the targets are about. */
  near: { rinda: Score; keptPercent: number; formula: Score; les: Score; hol: Score; meanWaitMin: number };
  /** Every scored ticket, however many were ahead. */
  all: { rinda: Score; keptPercent: number; formula: Score };
  nearByService: ServiceScore[];
  met: { mae: boolean; kept: boolean; vsFormula: boolean };
}

export const waitedMin = (r: IssueRecord): number => (r.calledAt! - r.issuedAt) / 60_000;

/** Nearest rank: the smallest value with at least p of the values at or below it. */
export function nearestRank(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

export function score(records: readonly IssueRecord[], told: (r: IssueRecord) => number): Score {
  const errors = records.map((r) => told(r) - waitedMin(r));
  const n = errors.length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const abs = errors.map(Math.abs);
  return { n, maeMin: n ? sum(abs) / n : Number.NaN, biasMin: n ? sum(errors) / n : Number.NaN, p90AbsMin: nearestRank(abs, 0.9) };
}

/** Share (%) of the records called no later than the "at most" they were told. */
export function keptPercent(records: readonly IssueRecord[]): number {
  if (records.length === 0) return Number.NaN;
  return (100 * records.filter((r) => waitedMin(r) <= r.rinda!.atMostMin).length) / records.length;
}

export function scoreHistory(sim: Simulated): HistoryScore {
  const { shape } = sim;
  const issued = sim.records.filter((r) => r.day >= shape.warmupDays);
  const scored = issued.filter((r) => r.rinda !== null && r.calledAt !== null);
  const near = scored.filter((r) => r.ahead <= NEAR_AHEAD);
  const rinda = (r: IssueRecord) => r.rinda!.typicalMin;
  const nearScore = {
    rinda: score(near, rinda),
    keptPercent: keptPercent(near),
    formula: score(near, (r) => r.formula),
    les: score(near, (r) => r.les),
    hol: score(near, (r) => r.hol),
    meanWaitMin: near.reduce((a, r) => a + waitedMin(r), 0) / near.length,
  };
  const services = [...new Set(near.map((r) => r.serviceId))];
  return {
    shape,
    issued: issued.length,
    toldNoCounter: issued.filter((r) => r.rinda === null).length,
    neverCalled: issued.filter((r) => r.rinda !== null && r.calledAt === null).length,
    near: nearScore,
    all: { rinda: score(scored, rinda), keptPercent: keptPercent(scored), formula: score(scored, (r) => r.formula) },
    nearByService: services.map((serviceId) => {
      const mine = near.filter((r) => r.serviceId === serviceId);
      return { serviceId, n: mine.length, maeMin: score(mine, rinda).maeMin, keptPercent: keptPercent(mine), meanWaitMin: mine.reduce((a, r) => a + waitedMin(r), 0) / mine.length };
    }),
    met: {
      mae: nearScore.rinda.maeMin <= TARGET_MAE_MIN,
      kept: nearScore.keptPercent >= TARGET_KEPT_PERCENT,
      vsFormula: nearScore.rinda.maeMin <= TARGET_VS_FORMULA * nearScore.formula.maeMin,
    },
  };
}
