/**
 * What a render is for. A call is announced in the hall right after it is made and must never wait
 * behind anything else; a request (a kiosk reading its screen aloud) may wait.
 */
export type SpeechPriority = 'call' | 'request';

/** One render waiting for, or holding, a slot; its priority can be raised while it waits. */
export interface RenderJob {
  priority: SpeechPriority;
}

interface Waiter {
  job: RenderJob;
  start: () => void;
}

/**
 * Lets `concurrency` renders run at once. A freed slot goes to the longest-waiting call, and only when
 * no call waits to the longest-waiting request: however many requests a kiosk sends, a call waits at most
 * for the renders already running.
 */
export class RenderQueue {
  private running = 0;
  private readonly calls: Waiter[] = [];
  private readonly requests: Waiter[] = [];

  constructor(private readonly concurrency: number) {}

  /** Resolves once the job holds a slot; whoever acquired must release() exactly once. */
  acquire(job: RenderJob): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((start) => (job.priority === 'call' ? this.calls : this.requests).push({ job, start }));
  }

  /** Hands the slot straight to the next in line, so the limit holds under any interleaving. */
  release(): void {
    const next = this.calls.shift() ?? this.requests.shift();
    if (next) next.start();
    else this.running--;
  }

  /** A waiting request becomes a call (a call needs the same phrase): it moves behind the calls already waiting. */
  promote(job: RenderJob): void {
    job.priority = 'call';
    const i = this.requests.findIndex((w) => w.job === job);
    if (i >= 0) this.calls.push(...this.requests.splice(i, 1));
  }

  get waiting(): { calls: number; requests: number } {
    return { calls: this.calls.length, requests: this.requests.length };
  }
}
