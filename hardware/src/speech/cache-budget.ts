/** The speech cache's default size on disk: about two thousand phrases, a busy day's calls in two languages. */
export const DEFAULT_SPEECH_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * The books of a cache directory: each file's size, in order of last use. Says which files to delete to
 * stay within `maxBytes`, least recently used first; the file used last is always kept. O(1) per use.
 */
export class CacheBudget {
  /** Map order is last-use order: a use deletes and re-inserts. */
  private readonly files = new Map<string, number>();
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  /** A file was made or read: it becomes the most recently used. */
  used(file: string, bytes: number): void {
    this.removed(file);
    this.files.set(file, bytes);
    this.total += bytes;
  }

  /** A file was deleted from the directory by someone else (the age-based prune). */
  removed(file: string): void {
    const bytes = this.files.get(file);
    if (bytes === undefined) return;
    this.files.delete(file);
    this.total -= bytes;
  }

  /** The files to delete now, least recently used first; they are off the books already. */
  overBudget(): string[] {
    const out: string[] = [];
    for (const [file, bytes] of this.files) {
      if (this.total <= this.maxBytes || this.files.size <= 1) break;
      this.files.delete(file);
      this.total -= bytes;
      out.push(file);
    }
    return out;
  }

  get bytes(): number {
    return this.total;
  }

  get count(): number {
    return this.files.size;
  }
}
