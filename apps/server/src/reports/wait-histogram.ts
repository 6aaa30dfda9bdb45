/**
 * Fine histograms of durations, so percentiles over a year come from a few thousand roll-up rows.
 * Precision (the one rule, used by SQL and TypeScript alike): a duration is first rounded UP to the
 * whole second; then it is exact up to 10 min, rounded up to 10 s up to 1 h, and to 1 min up to 24 h
 * (longer durations, which a business day cannot hold, count as 24 h). A percentile is the nearest-rank
 * value of these rounded durations, which equals the rounded value of the exact nearest-rank duration
 * (the rounding never changes the order).
 */
const EXACT_UP_TO = 600;
const TENS_UP_TO = 3600;
const MAX_SECONDS = 24 * 3600;
const BUCKETS = EXACT_UP_TO + 1 + (TENS_UP_TO - EXACT_UP_TO) / 10 + (MAX_SECONDS - TENS_UP_TO) / 60;

/** Counts per bucket, dense: merging a year of them is a few thousand additions each. */
export type Histogram = Float64Array;

export function newHistogram(): Histogram {
  return new Float64Array(BUCKETS);
}

export function bucketSeconds(ms: number): number {
  const s = Math.min(MAX_SECONDS, Math.max(0, Math.ceil(ms / 1000)));
  if (s <= EXACT_UP_TO) return s;
  if (s <= TENS_UP_TO) return Math.ceil(s / 10) * 10;
  return Math.ceil(s / 60) * 60;
}

/** The same rule as an SQL expression over an integer column or expression of milliseconds. */
export function bucketSecondsSql(msExpr: string): string {
  const s = `min(${MAX_SECONDS}, max(0, (${msExpr}) + 999) / 1000)`;
  return `(CASE WHEN ${s} <= ${EXACT_UP_TO} THEN ${s} WHEN ${s} <= ${TENS_UP_TO} THEN ((${s} + 9) / 10) * 10 ELSE ((${s} + 59) / 60) * 60 END)`;
}

/** The lower end of a bucket: durations in (bucketFrom(b), b] fall in bucket b. */
export function bucketFrom(bucket: number): number {
  if (bucket <= EXACT_UP_TO) return Math.max(0, bucket - 1);
  return bucket <= TENS_UP_TO ? bucket - 10 : bucket - 60;
}

function indexOf(bucket: number): number {
  if (bucket <= EXACT_UP_TO) return bucket;
  if (bucket <= TENS_UP_TO) return EXACT_UP_TO + (bucket - EXACT_UP_TO) / 10;
  return EXACT_UP_TO + (TENS_UP_TO - EXACT_UP_TO) / 10 + (bucket - TENS_UP_TO) / 60;
}

function bucketAt(index: number): number {
  if (index <= EXACT_UP_TO) return index;
  const tens = (TENS_UP_TO - EXACT_UP_TO) / 10;
  if (index <= EXACT_UP_TO + tens) return EXACT_UP_TO + (index - EXACT_UP_TO) * 10;
  return TENS_UP_TO + (index - EXACT_UP_TO - tens) * 60;
}

export function addToHistogram(h: Histogram, bucket: number, count: number): void {
  h[indexOf(bucket)]! += count;
}

export function mergeHistogram(into: Histogram, from: Histogram): void {
  for (let i = 0; i < BUCKETS; i++) into[i]! += from[i]!;
}

/** Each non-zero bucket as (upper bound in seconds, count), in order, without building a list of them. */
export function forEachBucket(h: Histogram, visit: (seconds: number, count: number) => void): void {
  for (let i = 0; i < BUCKETS; i++) if (h[i]! > 0) visit(bucketAt(i), h[i]!);
}

/** Nearest rank: the smallest value with at least ⌈p·N⌉ values at or below it. */
export function histogramPercentile(h: Histogram, p: number): number | null {
  let total = 0;
  for (let i = 0; i < BUCKETS; i++) total += h[i]!;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += h[i]!;
    if (seen >= rank) return bucketAt(i);
  }
  return null;
}

/**
 * Roll-up storage of a histogram: one Uint32 per non-zero bucket, index × 2^20 + count (BUCKETS < 2^12);
 * a count that does not fit 20 bits takes several entries of the same bucket, which add up when read.
 */
const PACKED_COUNT_BITS = 20;
const PACKED_COUNT_MAX = 2 ** PACKED_COUNT_BITS - 1;

export function packHistogram(h: Histogram): number[] {
  const packed: number[] = [];
  for (let i = 0; i < BUCKETS; i++) {
    for (let left = h[i]!; left > 0; left -= PACKED_COUNT_MAX) packed.push(i * 2 ** PACKED_COUNT_BITS + Math.min(left, PACKED_COUNT_MAX));
  }
  return packed;
}

/** Adds packed entries [from, to) of `packed` into `into`. */
export function addPacked(into: Histogram, packed: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const entry = packed[i]!;
    into[entry >>> PACKED_COUNT_BITS]! += entry & PACKED_COUNT_MAX;
  }
}
