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
});
