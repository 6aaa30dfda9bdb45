import type { Figure } from './bench-types';
import { ratio, type Summary } from './stats';

export interface FloorComparison {
  section: string;
  name: string;
  unit: string;
  measured: Summary;
  floor: Summary;
  floorLabel: string;
  /** The statistic the ratio compares (default p99). */
  stat?: 'p99' | 'median';
  target: string;
  /** Whether the target is met, from the ratio and the measured summary; null: no target. */
  judge: (ratio: number | null, measured: Summary) => boolean | null;
  note?: string;
}

/** A distribution measured against its floor: median, p99, the floor's, and the ratio of one statistic. */
export function againstFloor(c: FloorComparison): Figure {
  const stat = c.stat ?? 'p99';
  const r = ratio(c.measured[stat], c.floor[stat]);
  return {
    section: c.section,
    name: c.name,
    unit: c.unit,
    samples: c.measured.n,
    median: c.measured.median,
    p99: c.measured.p99,
    floor: { label: c.floorLabel, median: c.floor.median, p99: c.floor.p99 },
    ratio: r,
    ratioOf: stat,
    target: c.target,
    met: c.judge(r, c.measured),
    ...(c.note === undefined ? {} : { note: c.note }),
  };
}

/** A target on the ratio to the floor: met when the ratio is at most `max`. */
export const ratioAtMost = (max: number) => (r: number | null) => (r === null ? null : r <= max);
