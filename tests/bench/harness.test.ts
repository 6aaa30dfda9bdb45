// Proves `npm run bench` works end to end: the ticket-issue benchmark runs with tiny counts through
// real server and client processes on 127.0.0.1 and yields figures the Markdown report can show.
// Nothing here asserts on a timing: speed is for the benchmarks themselves.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCHMARKS, runBenchmarks } from './run';

const dir = mkdtempSync(join(tmpdir(), 'rinda-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the benchmark harness', () => {
  it('knows every figure of the benchmark issue', () => {
    expect(BENCHMARKS.map((b) => b.id)).toEqual(['call-display', 'ticket-issue', 'reports', 'live-path', 'memory', 'kiosk-print', 'speech', 'staffing', 'hostile-client', 'kiosk-audio']);
  });

  it('runs the ticket-issue benchmark with tiny counts and writes its figures against the floor', async () => {
    const out = join(dir, 'BENCHMARKS.md');
    const lines: string[] = [];
    const record = await runBenchmarks({ size: 'tiny', only: ['ticket-issue'], out, cacheDir: join(dir, 'cache'), log: (l) => lines.push(l) });

    expect(record.problems).toEqual([]);
    expect(record.figures.map((f) => f.name)).toEqual([
      '1 kiosk: durable tickets per second',
      '1 kiosk: ack latency',
      '8 kiosks: durable tickets per second',
      '8 kiosks: ack latency',
    ]);
    for (const f of record.figures) {
      expect(f.samples).toBeGreaterThan(0);
      expect(f.median).toBeGreaterThan(0);
      expect(f.floor?.median).toBeGreaterThan(0);
      expect(f.ratio).toBeCloseTo(f.ratioOf === 'rate' ? f.median / f.floor!.median : f.p99! / f.floor!.p99!, 10);
      expect(typeof f.met).toBe('boolean');
    }
    expect(lines.some((l) => l.includes('1 kiosk(s)') && l.includes('floor'))).toBe(true);

    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('## 2. Ticket issue');
    expect(markdown).toContain(`${record.machine.cores} cores`);
    expect(markdown).toContain(record.machine.node);
    expect(markdown).toContain('| 8 kiosks: ack latency |');
  }, 120_000);
});
