/**
 * The two sides of a comparison (Rinda and its floor, the live path with and without reports) measured by turns,
 * in blocks, rather than one after the other. On a shared machine the load drifts over minutes; measured one
 * after the other, each side gets its own stretch of that drift and the ratio moves with it (the 1-teller call
 * ratio read 0.98× and 1.30× in two runs of the same code: docs/BENCHMARKS.md, sixth round). By turns, both sides
 * sample the same stretches, and the order flips every block (A B, B A, A B, ...) so neither side always follows
 * the other.
 */

/** Blocks per comparison: enough to spread both sides over the run, few enough that each block has its warm-up. */
export const TURNS = 4;

/** `total` rounds (or milliseconds) in at most `turns` nearly equal blocks, none empty. */
export function blocksOf(total: number, turns = TURNS): number[] {
  if (!Number.isInteger(total) || total < 1) throw new Error(`cannot split ${total} into blocks`);
  const n = Math.min(turns, total);
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/** One side of a comparison: its name for the log, and how it measures a block of the given size. */
export interface Side<T> {
  name: string;
  measure(size: number): Promise<T>;
}

/**
 * Measures `first` and `second` once per block, by turns, the order flipping each block, and logs each block as it
 * starts (`unit` names what a block's size counts); returns what each side measured, block by block, for the
 * caller to pool.
 */
export async function byTurns<A, B>(
  blocks: number[],
  first: Side<A>,
  second: Side<B>,
  { log, unit }: { log: (line: string) => void; unit: string },
): Promise<{ first: A[]; second: B[] }> {
  const out = { first: [] as A[], second: [] as B[] };
  const run = async <T>(side: Side<T>, size: number, block: number, into: T[]) => {
    log(`  block ${block + 1} of ${blocks.length}: ${side.name}, ${size} ${unit}`);
    into.push(await side.measure(size));
  };
  for (const [block, size] of blocks.entries()) {
    if (block % 2 === 0) {
      await run(first, size, block, out.first);
      await run(second, size, block, out.second);
    } else {
      await run(second, size, block, out.second);
      await run(first, size, block, out.first);
    }
  }
  return out;
}
