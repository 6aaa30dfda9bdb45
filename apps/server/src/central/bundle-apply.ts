import {
  BUNDLE_LIMITS,
  BundleContent,
  BundleOutcome,
  ConfigBundle,
  decideBundle,
  driftPaths,
  managedValues,
  valueAt,
  type BundleRef,
} from '@rinda/shared';
import type { Logger } from 'pino';
import type { AppContext } from '../app-context';
import { recordAudit } from '../admin/audit-log';
import { bundleHash } from './bundle-hash';

type BundleCtx = Pick<AppContext, 'db' | 'config' | 'setConfig' | 'clock'> & { logger: Pick<Logger, 'info' | 'warn'> };

/** What the branch knows of head office's bundles (table central_bundle, migration 101). */
export interface BranchBundleState {
  running: (BundleRef & { content: BundleContent; appliedAt: number }) | null;
  /** A bundle held back: it would overwrite local changes (a branch manager may accept it). */
  held: ConfigBundle | null;
  last: BundleOutcome | null;
}

type Row = { running_version: number | null; running_hash: string | null; running_content: string | null; applied_at: number | null; held_bundle: string | null; last_outcome: string | null };

export function readBundleState(db: BundleCtx['db']): BranchBundleState {
  const row = db.prepare('SELECT running_version, running_hash, running_content, applied_at, held_bundle, last_outcome FROM central_bundle WHERE id = 1').get() as Row;
  return {
    running:
      row.running_version !== null && row.running_hash !== null && row.running_content !== null
        ? { version: row.running_version, hash: row.running_hash, content: BundleContent.parse(JSON.parse(row.running_content)), appliedAt: row.applied_at ?? 0 }
        : null,
    held: row.held_bundle === null ? null : ConfigBundle.parse(JSON.parse(row.held_bundle)),
    last: row.last_outcome === null ? null : BundleOutcome.parse(JSON.parse(row.last_outcome)),
  };
}

/** The values the running bundle sets that a manager has changed here since (reported to head office). */
export function localDrift(ctx: Pick<BundleCtx, 'db' | 'config'>): string[] {
  const { running } = readBundleState(ctx.db);
  return running ? driftPaths(ctx.config(), running.content).slice(0, BUNDLE_LIMITS.maxDriftPaths) : [];
}

export interface TryOptions {
  /** Apply over local changes: head office forced it, or a branch manager accepted it. */
  force: boolean;
  /** Who the audit log names: `head-office`, or the manager who accepted. */
  by: string;
  action: 'central-bundle.apply' | 'central-bundle.accept';
}

/**
 * Tries a bundle from head office: checks its hash, decides (shared bundle rules: merge, validate, conflict with
 * local changes), and applies it through the branch's one configuration path with its record and audit entry
 * in the same transaction. A refusal (bad hash, invalid, conflict) changes no configuration; the outcome is
 * kept for the next sync to report. Returns the outcome, and whether it is news (head office has not heard it).
 */
export function tryBundle(ctx: BundleCtx, bundle: ConfigBundle, options: TryOptions): { outcome: BundleOutcome; news: boolean } {
  const { db } = ctx;
  const before = readBundleState(db);
  const ref = { version: bundle.version, hash: bundle.hash };
  const settle = (outcome: 'applied' | 'failed' | 'conflict', reason: string | null, held: ConfigBundle | null) => {
    const last = before.last;
    const news = !last || last.version !== ref.version || last.hash !== ref.hash || last.outcome !== outcome || last.reason !== reason;
    const kept = news ? { ...ref, outcome, reason: reason?.slice(0, BUNDLE_LIMITS.maxReasonChars) ?? null, at: ctx.clock() } : last;
    return { kept, news, write: () => db.prepare('UPDATE central_bundle SET held_bundle = ?, last_outcome = ? WHERE id = 1').run(held ? JSON.stringify(held) : null, JSON.stringify(kept)) };
  };

  if (bundleHash(bundle.content) !== bundle.hash) {
    const s = settle('failed', `the bundle's content does not match its hash ${bundle.hash}`, before.held);
    s.write();
    return { outcome: s.kept, news: s.news };
  }
  const config = ctx.config();
  const decision = decideBundle({ config, running: before.running?.content ?? null, incoming: bundle.content, force: options.force });
  if (decision.kind !== 'apply') {
    const s =
      decision.kind === 'conflict'
        ? settle('conflict', `local changes here would be overwritten: ${decision.paths.join(', ')}`, bundle)
        : settle('failed', decision.reason, before.held);
    s.write();
    if (s.news) ctx.logger.warn({ event: 'central_bundle_refused', version: bundle.version, outcome: s.kept.outcome }, s.kept.reason ?? '');
    return { outcome: s.kept, news: s.news };
  }
  const s = settle('applied', null, null);
  const now = ctx.clock();
  const result = ctx.setConfig(decision.config, () => {
    s.write();
    db.prepare('UPDATE central_bundle SET running_version = ?, running_hash = ?, running_content = ?, applied_at = ? WHERE id = 1').run(
      bundle.version,
      bundle.hash,
      JSON.stringify(bundle.content),
      now,
    );
    const values = [...managedValues(bundle.content).keys()];
    recordAudit(db, {
      at: now,
      userId: options.by,
      action: options.action,
      target: `bundle ${bundle.version}`,
      before: Object.fromEntries(values.map((path) => [path, valueAt(config, path)])),
      after: { version: bundle.version, hash: bundle.hash, note: bundle.note, overwrittenLocalChanges: decision.overwritten, content: bundle.content },
    });
  });
  if (!result.ok) {
    const failed = settle('failed', result.error.message, before.held);
    failed.write();
    return { outcome: failed.kept, news: failed.news };
  }
  ctx.logger.info({ event: 'central_bundle_applied', version: bundle.version, overwritten: decision.overwritten.length }, 'configuration bundle from head office applied');
  return { outcome: s.kept, news: s.news };
}
