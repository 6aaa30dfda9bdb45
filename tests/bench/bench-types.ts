import type { Worker } from './worker-rpc';

/** One line of docs/BENCHMARKS.md: a measured figure, its floor from the same run, and its target. */
export interface Figure {
  /** The figure number and name, e.g. "1. Call → display". */
  section: string;
  /** The load or case, e.g. "10 tellers". */
  name: string;
  unit: string;
  samples: number;
  median: number;
  /** Null where a figure is a single rate or level rather than a distribution. */
  p99: number | null;
  floor: { label: string; median: number; p99: number | null } | null;
  /** measured / floor of the compared statistic (named in ratioOf). */
  ratio: number | null;
  ratioOf: string;
  target: string;
  /** null: no target, or a target that could not be judged (e.g. no floor). */
  met: boolean | null;
  note?: string;
}

/** full: `npm run bench`; quick: `--quick` smoke run; tiny: the test that proves the harness works. */
export type BenchSize = 'full' | 'quick' | 'tiny';

/** A count or duration per size. */
export function bySize<T>(ctx: { size: BenchSize }, values: Record<BenchSize, T>): T {
  return values[ctx.size];
}

export interface BenchContext {
  size: BenchSize;
  /** A fresh directory for this run's throw-away data. */
  workDir: string;
  /** Kept between runs (generated report histories). */
  cacheDir: string;
  log(message: string): void;
  /** Workers started through here are stopped when the benchmark ends, whatever happens. */
  worker(file: string, name: string, nodeFlags?: string[]): Worker;
}

export interface Benchmark {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
  /** A longer time limit than the runner's default (the first run of the reports generates histories). */
  limitMs?: Partial<Record<BenchSize, number>>;
}
