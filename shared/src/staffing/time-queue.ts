/**
 * A queue of things that happen at a time, taken earliest first and, at one time, in the order they were put in
 * (a binary min-heap with an insertion counter): simulations that replay a day step by step stay deterministic.
 */
export class TimeQueue<T extends { at: number }> {
  private readonly items: { item: T; seq: number }[] = [];
  private seq = 0;

  push(item: T): void {
    const items = this.items;
    items.push({ item, seq: this.seq++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!, items[m]!)) m = l;
        if (r < items.length && before(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top?.item;
  }
}

function before(a: { item: { at: number }; seq: number }, b: { item: { at: number }; seq: number }): boolean {
  return a.item.at < b.item.at || (a.item.at === b.item.at && a.seq < b.seq);
}
