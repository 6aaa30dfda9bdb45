import { describe, expect, it } from 'vitest';
import type { Figure } from './bench-types';
import { spliceSections, type RunRecord } from './report-markdown';

const figure = (section: string, name: string): Figure => ({ section, name, unit: 'ms', samples: 3, median: 12, p99: 15, floor: null, ratio: null, ratioOf: '', target: '≤ 2000 ms', met: true });
const run = (figures: Figure[]): RunRecord => ({
  startedAt: new Date('2026-12-04T17:00:00Z'), durationS: 60, size: 'full', machine: { cpu: 'CPU', cores: 2, memoryGiB: 8, node: 'v20', os: 'linux' },
  load: { start: 9, end: 8 }, figures, problems: [], notes: '## How the figures are made\n\nnew notes\n',
});
const existing = '# Benchmarks\n\nheader\n\n## 1. Call\n\nold call table\n\n## 7. Staffing advice\n\nold staffing table\n\n## How the figures are made\n\nnotes\n';

describe('spliceSections', () => {
  it('replaces the sections that ran and keeps the rest of the file', () => {
    const out = spliceSections(existing, run([figure('7. Staffing advice', 'week advice')]));
    expect(out).toContain('old call table');
    expect(out).not.toContain('old staffing table');
    expect(out).toContain('| week advice | 3 |');
    expect(out).toContain('the machine was busy with other work');
    expect(out.indexOf('## 7. Staffing advice')).toBeLessThan(out.indexOf('## How the figures are made'));
    expect(out).toContain('new notes');
    expect(out).not.toContain('\nnotes\n');
  });

  it('puts a new section before the notes', () => {
    const out = spliceSections(existing.replace('## 7. Staffing advice\n\nold staffing table\n\n', ''), run([figure('7. Staffing advice', 'week advice')]));
    expect(out.indexOf('## 1. Call')).toBeLessThan(out.indexOf('## 7. Staffing advice'));
    expect(out.indexOf('## 7. Staffing advice')).toBeLessThan(out.indexOf('## How the figures are made'));
  });

  it('says a busy run was measured beside the fixed CPU load, with the highest load average seen, in a section of its own', () => {
    const busy = { ...run([figure('2. Ticket issue, busy machine', '1 kiosk')]), load: { start: 1, end: 2.5, busy: 'one process spinning', peak: 2.9 } };
    const out = spliceSections(existing, busy);
    expect(out).toContain('## 2. Ticket issue, busy machine\n\nMeasured by `npm run bench -- --only --busy`');
    expect(out).toContain('run beside a fixed CPU load, one process spinning; load average (1 min) 1.0 at the start, 2.5 at the end, at most 2.9 during the run');
    expect(out).toContain('old call table');
  });
});
