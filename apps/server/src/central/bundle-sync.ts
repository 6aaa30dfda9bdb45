import { BUNDLE_PATHS, BundleSyncReply, messageOf, type BundleSyncRequest } from '@rinda/shared';
import type { Logger } from 'pino';
import type { AppContext } from '../app-context';
import { localDrift, readBundleState, tryBundle } from './bundle-apply';
import { postJson } from './central-http';
import type { CentralLink } from './central-link';

/** How often the branch tells head office what it runs and asks for its bundle (RINDA_CENTRAL_BUNDLE_POLL_SEC). */
export const BUNDLE_POLL_DEFAULT_MS = 60_000;

export interface BundleSyncOptions {
  ctx: Pick<AppContext, 'db' | 'config' | 'setConfig' | 'clock'>;
  link: CentralLink;
  logger: Pick<Logger, 'info' | 'warn'>;
  pollMs?: number;
}

export type SyncOutcome = 'up-to-date' | 'applied' | 'failed' | 'conflict';

/**
 * The branch's side of configuration bundles (docs/ARCHITECTURE.md, "Configuration from the centre"). Each
 * sync reports what the branch runs, its local changes and its last outcome (the acknowledgement is this
 * state, so a lost reply is healed by the next sync), and tries the bundle head office answers with. It runs
 * on a timer beside the live path and never holds the branch up: a head office out of reach is tried again
 * at the next poll, the branch keeping its configuration meanwhile.
 */
export class BundleSync {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private inFlight: Promise<SyncOutcome> | null = null;
  private failures = 0;

  constructor(private readonly options: BundleSyncOptions) {}

  /** Syncs at once (the sync is under way when this returns: `syncOnce` joins it), then every poll. */
  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? BUNDLE_POLL_DEFAULT_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One sync now (or the one already under way). */
  syncOnce(): Promise<SyncOutcome> {
    this.inFlight ??= this.sync().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private report(): BundleSyncRequest {
    const { db } = this.options.ctx;
    const state = readBundleState(db);
    return {
      branchId: this.options.link.branchId,
      running: state.running ? { version: state.running.version, hash: state.running.hash } : null,
      drift: localDrift(this.options.ctx),
      last: state.last,
    };
  }

  private async post(report: BundleSyncRequest): Promise<BundleSyncReply> {
    const { link } = this.options;
    const reply = await postJson(`${link.url}${BUNDLE_PATHS.sync}`, report, { token: link.token, ...(link.ca ? { ca: link.ca } : {}) });
    const parsed = reply.status === 200 ? BundleSyncReply.safeParse(reply.body) : null;
    if (!parsed?.success) throw new Error(`head office answered the bundle sync with ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    return parsed.data;
  }

  private async sync(): Promise<SyncOutcome> {
    const reply = await this.post(this.report());
    if (!reply.bundle) return 'up-to-date';
    const tried = tryBundle({ ...this.options.ctx, logger: this.options.logger }, reply.bundle, { force: reply.force, by: 'head-office', action: 'central-bundle.apply' });
    // Acknowledge at once what head office has not heard yet; the bundle in this reply is the one just tried.
    if (tried.news && !this.stopped) await this.post(this.report());
    return tried.outcome.outcome;
  }

  private async tick(): Promise<void> {
    try {
      await this.syncOnce();
      if (this.failures > 0) this.options.logger.info({ event: 'central_bundle_sync_reached', after: this.failures }, 'head office reached again for bundles');
      this.failures = 0;
    } catch (error) {
      if (this.stopped) return;
      this.failures++;
      if (this.failures === 1 || this.failures % 10 === 0)
        this.options.logger.warn({ event: 'central_bundle_sync_failed', failures: this.failures }, messageOf(error));
    }
  }
}
