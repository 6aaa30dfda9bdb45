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

  it('runs the sides by turns, flipping the order every block, and hands each side its own results', async () => {
    const order: string[] = [];
    const result = await byTurns(
      [5, 6, 7],
      async (size, block) => (order.push(`A${block}`), `a${size}`),
      async (size, block) => (order.push(`B${block}`), size * 10),
    );
    expect(order).toEqual(['A0', 'B0', 'B1', 'A1', 'A2', 'B2']);
    expect(result).toEqual({ first: ['a5', 'a6', 'a7'], second: [50, 60, 70] });
  });
});
