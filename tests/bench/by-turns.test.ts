import { describe, expect, it } from 'vitest';
import { blocksOf, byTurns } from './by-turns';

describe('measuring two sides by turns', () => {
  it('splits rounds into at most four nearly equal blocks that add up to the whole', () => {
    expect(blocksOf(400)).toEqual([100, 100, 100, 100]);
    expect(blocksOf(10)).toEqual([3, 3, 2, 2]);
    expect(blocksOf(2)).toEqual([1, 1]);
    expect(blocksOf(1)).toEqual([1]);
    expect(blocksOf(7, 2)).toEqual([4, 3]);
    expect(() => blocksOf(0)).toThrow();
    expect(() => blocksOf(2.5)).toThrow();
  });

  it('runs the sides by turns, flipping the order every block, logs each block, and hands each side its own results', async () => {
    const order: string[] = [];
    const log: string[] = [];
    const result = await byTurns(
      [5, 6, 7],
      { name: 'floor', measure: async (size) => (order.push(`A${size}`), `a${size}`) },
      { name: 'rinda', measure: async (size) => (order.push(`B${size}`), size * 10) },
      { log: (line) => log.push(line), unit: 'rounds' },
    );
    expect(order).toEqual(['A5', 'B5', 'B6', 'A6', 'A7', 'B7']);
    expect(result).toEqual({ first: ['a5', 'a6', 'a7'], second: [50, 60, 70] });
    expect(log).toEqual([
      '  block 1 of 3: floor, 5 rounds',
      '  block 1 of 3: rinda, 5 rounds',
      '  block 2 of 3: rinda, 6 rounds',
      '  block 2 of 3: floor, 6 rounds',
      '  block 3 of 3: floor, 7 rounds',
      '  block 3 of 3: rinda, 7 rounds',
    ]);
  });
});
