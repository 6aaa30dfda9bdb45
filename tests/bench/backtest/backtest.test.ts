import { describe, expect, it } from 'vitest';
import { renderBacktest, sectionOf, SECTION_END, SECTION_START, withSection } from './backtest-markdown';
import { runBacktest } from './run-backtest';

describe('the back-test', () => {
  it('replays a branch through the rules with no staff action refused, and scores every predictor on the same tickets', () => {
    const run = runBacktest({ quick: true, only: ['small-bank'], log: () => {} });
    expect(run.surprises).toEqual([]);
    const [s] = run.scores;
    expect(s!.near.rinda.n).toBeGreaterThan(200);
    for (const score of [s!.near.rinda, s!.near.formula, s!.near.les, s!.near.hol]) {
      expect(score.n).toBe(s!.near.rinda.n);
      expect(Number.isFinite(score.maeMin)).toBe(true);
    }
    expect(s!.near.keptPercent).toBeGreaterThan(0);
    // Counter 4, the only one for loans, signs in at 09:30: loans tickets issued before are told "no counter open".
    expect(s!.toldNoCounter).toBeGreaterThan(0);

    const section = renderBacktest({ startedAt: new Date(0), durationS: run.durationS, quick: true, machine: 'test', scores: run.scores, notes: 'Notes.' });
    expect(section.startsWith(SECTION_START) && section.endsWith(SECTION_END)).toBe(true);
    expect(section).toContain('| Small bank branch');
  });

  it('writes only its own section of BENCHMARKS.md, and the benchmark run carries it over', () => {
    const doc = '# Benchmarks\n\n## 1. Call → display\n\ntable\n';
    const first = withSection(doc, `${SECTION_START}\nold\n${SECTION_END}`);
    expect(first.startsWith(doc.trimEnd())).toBe(true);
    const second = withSection(first, `${SECTION_START}\nnew\n${SECTION_END}`);
    expect(second).toBe(first.replace('old', 'new'));
    // npm run bench renders the rest afresh and puts the section back.
    const rerendered = withSection('# Benchmarks\n\n## 1. Call → display\n\nnew table\n', sectionOf(second)!);
    expect(sectionOf(rerendered)).toBe(sectionOf(second));
  });
});
