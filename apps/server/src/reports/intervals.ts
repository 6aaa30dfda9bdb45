/** Half-open time intervals [from, to) in epoch ms, kept sorted and disjoint. */
export type Interval = readonly [number, number];

export function normalise(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function intersect(xs: Interval[], ys: Interval[]): Interval[] {
  const a = normalise(xs);
  const b = normalise(ys);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [a0, a1] = a[i]!;
    const [b0, b1] = b[j]!;
    const from = Math.max(a0, b0);
    const to = Math.min(a1, b1);
    if (to > from) out.push([from, to]);
    if (a1 < b1) i++;
    else j++;
  }
  return out;
}

export function subtract(xs: Interval[], ys: Interval[]): Interval[] {
  let out = normalise(xs);
  for (const [c0, c1] of normalise(ys)) {
    out = out.flatMap(([a, b]): Interval[] => {
      if (c1 <= a || c0 >= b) return [[a, b]];
      const parts: Interval[] = [];
      if (c0 > a) parts.push([a, c0]);
      if (c1 < b) parts.push([c1, b]);
      return parts;
    });
  }
  return out;
}

export function totalMs(intervals: Interval[]): number {
  return normalise(intervals).reduce((sum, [a, b]) => sum + (b - a), 0);
}

export function clip(intervals: Interval[], from: number, to: number): Interval[] {
  return intersect(intervals, [[from, to]]);
}
