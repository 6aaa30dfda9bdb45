import type { Router } from 'express';
import { AcceptCentralBundleRoute, CentralBundleRoute, fail, ok } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { localDrift, readBundleState, tryBundle } from '../central/bundle-apply';
import { serveRoute } from '../http/typed-route';
import { managerId } from './manager-of';

/**
 * GET /api/admin/central-bundle · POST /api/admin/central-bundle/accept: the manager sees head office's bundle
 * and, when one is held because it would overwrite local changes, may accept it (the next sync tells head office).
 */
export function centralBundleRoutes(router: Router, ctx: AppContext): void {
  serveRoute(router, ctx.auth, CentralBundleRoute, () => {
    const state = readBundleState(ctx.db);
    return ok({
      running: state.running ? { version: state.running.version, hash: state.running.hash, appliedAt: state.running.appliedAt } : null,
      held: state.held ? { version: state.held.version, hash: state.held.hash, note: state.held.note } : null,
      last: state.last,
      drift: localDrift(ctx),
    });
  });

  serveRoute(router, ctx.auth, AcceptCentralBundleRoute, ({ body }, _req, res) => {
    const { held } = readBundleState(ctx.db);
    // The version names what the manager saw: a bundle held since then is a different decision.
    if (held?.version !== body.version) return fail('NOT_FOUND', held ? `The bundle held is version ${held.version}` : 'No bundle from head office is held');
    const { outcome } = tryBundle(ctx, held, { force: true, by: managerId(ctx, res), action: 'central-bundle.accept' });
    if (outcome.outcome !== 'applied') return fail('BAD_REQUEST', outcome.reason ?? 'The bundle could not be applied');
    return ok({ applied: { version: held.version, hash: held.hash }, config: ctx.config() });
  });
}
