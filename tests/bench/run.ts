/**
 * `npm run bench [-- --quick] [-- --only=call-display,reports] [-- --busy] [-- --out=path]`: runs the benchmarks one
 * after another, shows progress, and writes docs/BENCHMARKS.md (figures, floors, targets, verdicts). `--busy` runs
 * them beside a fixed CPU load (cpu-load.ts) and writes their tables as sections of their own.
 * Bounded: each benchmark has a time limit; a full run takes about 15 minutes on 2 cores once the
 * report histories are cached (the first run generates them).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { callDisplayBenchmark } from './benchmarks/call-display';
import { hostileClientBenchmark } from './benchmarks/hostile-client';
import { kioskAudioBenchmark } from './benchmarks/kiosk-audio';
import { kioskPrintBenchmark } from './benchmarks/kiosk-print';
import { livePathBenchmark } from './benchmarks/live-path';
import { memoryBenchmark } from './benchmarks/memory';
import { reportsBenchmark } from './benchmarks/reports';
import { speechBenchmark } from './benchmarks/speech';
import { staffingBenchmark } from './benchmarks/staffing';
import { ticketIssueBenchmark } from './benchmarks/ticket-issue';
import type { Benchmark, BenchContext, BenchSize, Figure } from './bench-types';
import { sectionOf, withSection } from './backtest/backtest-markdown';
import { BUSY_SECTION_SUFFIX, CPU_LOAD_DESCRIPTION, startCpuLoad, type CpuLoad } from './cpu-load';
import { describeMachine } from './machine';
import { renderMarkdown, spliceSections, type RunRecord } from './report-markdown';
import { startWorker, type Worker } from './worker-rpc';
import { messageOf } from '@rinda/shared';

export const BENCHMARKS: Benchmark[] = [callDisplayBenchmark, ticketIssueBenchmark, reportsBenchmark, livePathBenchmark, memoryBenchmark, kioskPrintBenchmark, speechBenchmark, staffingBenchmark, hostileClientBenchmark, kioskAudioBenchmark];

export interface RunOptions {
  size: BenchSize;
  only?: string[];
  /** Beside a fixed CPU load (cpu-load.ts): the same figures on a busy machine, in sections of their own. */
  busy?: boolean;
  /** Where the Markdown goes; null: nowhere (the test). */
  out: string | null;
  cacheDir?: string;
  log?: (line: string) => void;
}

export const DEFAULT_OUT = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
const NOTES_FILE = fileURLToPath(new URL('./benchmarks-notes.md', import.meta.url));
/** A benchmark that runs longer than this is stopped and reported as such. */
const LIMIT_MS: Record<BenchSize, number> = { full: 12 * 60_000, quick: 4 * 60_000, tiny: 2 * 60_000 };

export async function runBenchmarks(options: RunOptions): Promise<RunRecord> {
  const log = options.log ?? ((line: string) => console.log(line));
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const t0 = performance.now();
  const stamp = () => `[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s]`;
  const workDir = mkdtempSync(join(tmpdir(), 'rinda-bench-'));
  // Ctrl-C leaves no copies of databases behind (the workers end with their IPC channel).
  const interrupted = () => {
    rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const cacheDir = options.cacheDir ?? process.env.RINDA_BENCH_CACHE ?? join(tmpdir(), 'rinda-bench-cache');
  mkdirSync(cacheDir, { recursive: true });
  const figures: Figure[] = [];
  const problems: RunRecord['problems'] = [];
  const selected = BENCHMARKS.filter((b) => !options.only || options.only.includes(b.id));
  let load: CpuLoad | null = null;
  let peakLoad: number | undefined;
  if (options.busy) {
    log(`${stamp()} busy machine: ${CPU_LOAD_DESCRIPTION}`);
    load = startCpuLoad();
  }
  try {
    for (const [i, bench] of selected.entries()) {
      log(`${stamp()} ${i + 1}/${selected.length} ${bench.title}`);
      const workers: Worker[] = [];
      const ctx: BenchContext = {
        size: options.size,
        workDir,
        cacheDir,
        log: (message) => log(`${stamp()}     ${message}`),
        worker(file, name, nodeFlags) {
          const w = startWorker(file, name, nodeFlags);
          workers.push(w);
          return w;
        },
      };
      let timer: NodeJS.Timeout | undefined;
      const limitMs = bench.limitMs?.[options.size] ?? LIMIT_MS[options.size];
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`stopped after ${limitMs / 60_000} minutes`)), limitMs);
      });
      try {
        const got = (await Promise.race([bench.run(ctx), limit])).map((f) => (options.busy ? { ...f, section: `${f.section}${BUSY_SECTION_SUFFIX}` } : f));
        figures.push(...got);
        for (const f of got) log(`${stamp()}     ${f.name}: median ${f.median.toFixed(2)} ${f.unit}, p99 ${f.p99?.toFixed(2) ?? '–'}, ratio ${f.ratio?.toFixed(2) ?? '–'} → ${f.met === null ? 'n/a' : f.met ? 'met' : 'MISSED'}`);
      } catch (error) {
        const message = messageOf(error);
        problems.push({ benchmark: bench.title, message: message.split('\n')[0]! });
        log(`${stamp()}     FAILED: ${message}`);
      } finally {
        clearTimeout(timer);
        await Promise.all(workers.map((w) => w.stop()));
      }
    }
  } finally {
    if (load) peakLoad = await load.stop();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    rmSync(workDir, { recursive: true, force: true });
  }
  const notes = (() => {
    try {
      return readFileSync(NOTES_FILE, 'utf8');
    } catch {
      return '';
    }
  })();
  const record: RunRecord = { startedAt, durationS: (performance.now() - t0) / 1000, size: options.size, machine: describeMachine(), load: { start: loadAtStart, end: loadavg()[0]!, ...(options.busy ? { busy: CPU_LOAD_DESCRIPTION, peak: peakLoad } : {}) }, figures, problems, notes };
  if (options.out) {
    // Some benchmarks only: their sections replace the same sections of the file, the others stay.
    const existing = readIfThere(options.out);
    const content = options.only && existing ? spliceSections(existing, record) : renderMarkdown(record);
    // The back-test's section (npm run backtest) is not this run's: it is carried over as it was.
    const backtest = existing ? sectionOf(existing) : null;
    // Neither is what follows it (head office's figures, copied in by hand): kept as it was, after the back-test.
    const tail = existing && backtest ? existing.slice(existing.indexOf(backtest) + backtest.length).trim() : '';
    const document = backtest ? withSection(content, backtest) : content;
    writeFileSync(options.out, tail && !document.includes(tail) ? `${document.trimEnd()}\n\n${tail}\n` : document);
    log(`${stamp()} wrote ${options.out}`);
  }
  return record;
}

function readIfThere(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, busy: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } } });
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown?.length) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`);
    process.exit(2);
  }
  runBenchmarks({ size: values.quick ? 'quick' : 'full', only, busy: values.busy, out: values.out ?? DEFAULT_OUT })
    .then((record) => process.exit(record.problems.length ? 1 : 0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
