/**
 * Fine histograms of durations, so percentiles over a year come from a few thousand roll-up rows.
 * Precision (the one rule, used by SQL and TypeScript alike): a duration is first rounded UP to the
 * whole second; then it is exact up to 10 min, rounded up to 10 s up to 1 h, and to 1 min beyond.
 * A percentile is the nearest-rank value of these rounded durations, which equals the rounded value
 * of the exact nearest-rank duration (the rounding never changes the order).
 */
export type Histogram = Record<string, number>;

export function bucketSeconds(ms: number): number {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s <= 600) return s;
  if (s <= 3600) return Math.ceil(s / 10) * 10;
  return Math.ceil(s / 60) * 60;
}

/** The same rule as an SQL expression over an integer column or expression of milliseconds. */
export function bucketSecondsSql(msExpr: string): string {
  const s = `(max(0, (${msExpr}) + 999) / 1000)`;
  return `(CASE WHEN ${s} <= 600 THEN ${s} WHEN ${s} <= 3600 THEN ((${s} + 9) / 10) * 10 ELSE ((${s} + 59) / 60) * 60 END)`;
}

export function addToHistogram(h: Histogram, bucket: number, count: number): void {
  h[bucket] = (h[bucket] ?? 0) + count;
}

export function mergeHistogram(into: Histogram, from: Histogram): void {
  for (const [b, n] of Object.entries(from)) into[b] = (into[b] ?? 0) + n;
}

/** Nearest rank: the smallest value with at least ⌈p·N⌉ values at or below it. */
export function histogramPercentile(h: Histogram, p: number): number | null {
  const entries = Object.entries(h)
    .map(([b, n]) => [Number(b), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [b, n] of entries) {
    seen += n;
    if (seen >= rank) return b;
  }
  return entries[entries.length - 1]![0];
}
