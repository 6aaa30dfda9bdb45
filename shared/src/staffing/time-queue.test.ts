import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeQueue } from './time-queue';

describe('TimeQueue', () => {
  it('gives back every item earliest first, and items of one time in the order they were put in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const queue = new TimeQueue<{ at: number; n: number }>();
        times.forEach((at, n) => queue.push({ at, n }));
        const out: { at: number; n: number }[] = [];
        for (let e = queue.pop(); e; e = queue.pop()) out.push(e);
        // A stable sort by time is exactly the promised order.
        expect(out).toEqual(times.map((at, n) => ({ at, n })).sort((a, b) => a.at - b.at));
      }),
    );
  });
});
