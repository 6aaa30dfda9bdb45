/**
 * Paces the status page's position requests. The queue changes several times a second in a busy branch, and
 * every phone in the hall hears each change: asking the server each time would cost it one request per phone
 * per change. Changes of the page's own ticket are asked about at once; the queue moving on is asked about at
 * most once per `everyMs` (the last change is never dropped: it is asked about when the interval ends).
 */
export class RefreshPacer {
  private lastAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly refresh: () => void,
    private readonly everyMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Ask now (the page's own ticket changed, or it just (re)connected). */
  askNow(): void {
    this.cancel();
    this.lastAt = this.now();
    this.refresh();
  }

  /** The queue moved: ask now if the last request is old enough, else once when it is. */
  soon(): void {
    if (this.timer !== null) return;
    const wait = this.lastAt + this.everyMs - this.now();
    if (wait <= 0) this.askNow();
    else this.timer = setTimeout(() => {
      this.timer = null;
      this.askNow();
    }, wait);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
