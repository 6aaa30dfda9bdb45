/**
 * `npm run backtest [-- --quick] [-- --out=path] [-- --only=small-bank,mixed]`: replays the branch shapes'
 * seeded histories through Rinda's rules, scores every predictor against the real waits, and writes the section
 * "Wait estimates: back-test" of docs/BENCHMARKS.md (the rest of the file is left as it is). Bounded: about a
 * minute of CPU for a full run; the histories are small because the rules, not the database, are replayed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from '../machine';
import { scoreHistory, type HistoryScore } from './accuracy';
import { renderBacktest, withSection } from './backtest-markdown';
import { BRANCH_SHAPES } from './branch-shapes';
import { simulateBranch } from './simulate-branch';

const DEFAULT_OUT = fileURLToPath(new URL('../../../docs/BENCHMARKS.md', import.meta.url));
const NOTES_FILE = fileURLToPath(new URL('./backtest-notes.md', import.meta.url));

export interface BacktestOptions {
  quick: boolean;
  only?: string[];
  log?: (line: string) => void;
}

/** Days of a quick run per shape (the test's): warm-up plus a few scored days. */
const QUICK_EXTRA_DAYS = 3;

export function runBacktest(options: BacktestOptions): { scores: HistoryScore[]; durationS: number; surprises: string[] } {
  const log = options.log ?? ((line: string) => console.log(line));
  const t0 = performance.now();
  const scores: HistoryScore[] = [];
  const surprises: string[] = [];
  for (const shape of BRANCH_SHAPES.filter((s) => !options.only || options.only.includes(s.id))) {
    const days = options.quick ? shape.warmupDays + QUICK_EXTRA_DAYS : shape.days;
    const started = performance.now();
    const sim = simulateBranch({ ...shape, days }, days);
    surprises.push(...sim.surprises.map((s) => `${shape.id}: ${s}`));
    const s = scoreHistory(sim);
    scores.push(s);
    log(
      `${shape.id}: ${sim.records.length} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s; ≤15 ahead: n ${s.near.rinda.n}, ` +
        `Rinda MAE ${s.near.rinda.maeMin.toFixed(2)}, kept ${s.near.keptPercent.toFixed(1)} %, formula MAE ${s.near.formula.maeMin.toFixed(2)}`,
    );
  }
  return { scores, durationS: (performance.now() - t0) / 1000, surprises };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' }, only: { type: 'string' } } });
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((id) => !BRANCH_SHAPES.some((s) => s.id === id));
  if (unknown?.length) {
    console.error(`Unknown history ${unknown.join(', ')}; known: ${BRANCH_SHAPES.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
  const startedAt = new Date();
  const run = runBacktest({ quick: values.quick, only });
  if (run.surprises.length) {
    console.error(`The rules refused ${run.surprises.length} simulated staff actions, e.g. ${run.surprises[0]}`);
    process.exit(1);
  }
  const out = values.out ?? DEFAULT_OUT;
  const readOr = (path: string, fallback: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return fallback;
    }
  };
  const m = describeMachine();
  const section = renderBacktest({ startedAt, durationS: run.durationS, quick: values.quick, machine: `${m.cpu}, ${m.cores} cores, Node ${m.node}`, scores: run.scores, notes: readOr(NOTES_FILE, '') });
  writeFileSync(out, withSection(readOr(out, '# Benchmarks\n'), section));
  console.log(`wrote the back-test section of ${out}`);
}
