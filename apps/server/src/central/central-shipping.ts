import type { Logger } from 'pino';
import type { AppContext } from '../app-context';
import { BUNDLE_POLL_DEFAULT_MS, BundleSync, type SyncOutcome } from './bundle-sync';
import { resolveCentralLink } from './central-link';
import { OutboxShipper, SHIPPER_DEFAULTS } from './outbox-shipper';

export interface CentralShipping {
  stop(): void;
  /** Syncs configuration bundles now (tests; the branch itself polls): null before the branch is linked. */
  syncBundles(): Promise<SyncOutcome> | null;
}

/**
 * Connects the branch to head office when its environment names one (docs/OPERATIONS.md): enrols once, then
 * ships the outbox beside the live path. Never in the way of the branch: a head office that cannot be reached,
 * at enrolment or later, is retried in the background while the branch goes on serving. Only settings that
 * cannot work (a bad URL, plain HTTP to a remote host, a refused code) stop the start, with a clear message.
 */
export async function startCentralShipping(ctx: Pick<AppContext, 'db' | 'onCommitted' | 'clock' | 'config' | 'setConfig'>, env: Record<string, string | undefined>, logger: Logger): Promise<CentralShipping | null> {
  let shipper: OutboxShipper | null = null;
  let bundles: BundleSync | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;
  const batchRecords = env.RINDA_CENTRAL_BATCH ? Number(env.RINDA_CENTRAL_BATCH) : undefined;
  const bundlePollMs = env.RINDA_CENTRAL_BUNDLE_POLL_SEC ? Number(env.RINDA_CENTRAL_BUNDLE_POLL_SEC) * 1000 : BUNDLE_POLL_DEFAULT_MS;
  let waitMs: number = SHIPPER_DEFAULTS.firstBackoffMs;

  const connect = async (): Promise<boolean> => {
    const link = await resolveCentralLink(ctx.db, env);
    if (!link.ok) {
      if (!link.retry) throw new Error(link.message);
      logger.warn({ event: 'central_enrolment_retry', retryInMs: waitMs }, link.message);
      return false;
    }
    if (!link.link || stopped) return true;
    shipper = new OutboxShipper({ db: ctx.db, link: link.link, logger, clock: ctx.clock, ...(batchRecords ? { batchRecords } : {}) });
    ctx.onCommitted(() => shipper?.wake());
    shipper.start();
    bundles = new BundleSync({ ctx, link: link.link, logger, pollMs: bundlePollMs });
    bundles.start();
    logger.info({ event: 'central_shipping', branchId: link.link.branchId, url: link.link.url }, 'shipping events to head office');
    return true;
  };
  const retry = () => {
    retryTimer = setTimeout(() => {
      connect().then(
        (done) => {
          if (!done && !stopped) {
            waitMs = Math.min(waitMs * 2, SHIPPER_DEFAULTS.maxBackoffMs);
            retry();
          }
        },
        (error: Error) => logger.error({ event: 'central_enrolment_refused' }, error.message),
      );
    }, waitMs);
    retryTimer.unref();
  };
  if (!env.RINDA_CENTRAL_URL) return null;
  if (!(await connect())) retry();
  return {
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      (shipper as OutboxShipper | null)?.stop();
      (bundles as BundleSync | null)?.stop();
    },
    syncBundles: () => (bundles as BundleSync | null)?.syncOnce() ?? null,
  };
}
