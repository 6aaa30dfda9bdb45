import { emptyPartial, mergePartial, type JsonPartial, type StoredForm } from '../report-partial';
import { forEachBucket } from '../wait-histogram';

/**
 * A stored roll-up rewritten as versions before format 2 stored it (JSON: non-zero fields only,
 * histograms as flat [bucket, count, …] arrays), to check that reports still read such files.
 */
export function asFormatOneJson(stored: StoredForm): string {
  const p = emptyPartial();
  mergePartial(p, stored);
  const out: JsonPartial = {};
  for (const [name, value] of Object.entries(p)) {
    if (typeof value === 'number') {
      if (value !== 0) out[name] = value;
    } else {
      const flat: number[] = [];
      forEachBucket(value as Float64Array, (seconds, count) => flat.push(seconds, count));
      if (flat.length > 0) out[name] = flat;
    }
  }
  return JSON.stringify(out);
}
