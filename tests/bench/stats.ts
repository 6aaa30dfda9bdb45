/** The statistics every figure in docs/BENCHMARKS.md is made of. Pure, so a test checks them on known inputs. */

export interface Summary {
  n: number;
  median: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

/** The middle sample, or the mean of the two middle ones for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, median: median(samples), p99: percentile(samples, 99), max: maxOf(samples) };
}

/** measured / floor; null when the floor is zero or missing (no meaningful ratio). */
export function ratio(measured: number, floor: number | null | undefined): number | null {
  if (floor === null || floor === undefined || !(floor > 0)) return null;
  return measured / floor;
}

/** Milliseconds between two process.hrtime.bigint() readings (CLOCK_MONOTONIC: comparable across processes on one machine). */
export function elapsedMs(from: bigint, to: bigint): number {
  return Number(to - from) / 1e6;
}

/** Math.max(...xs) overflows the call stack past about 120 000 samples (a fast floor with 8 kiosks makes more). */
function maxOf(samples: readonly number[]): number {
  let max = -Infinity;
  for (const x of samples) if (x > max) max = x;
  return max;
}
