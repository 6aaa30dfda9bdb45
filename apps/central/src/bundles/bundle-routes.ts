import type express from 'express';
import { AssignBundleRequest, BUNDLE_PATHS, BundleSyncRequest, BundleVersionParam, PublishBundleRequest } from '@rinda/shared';
import type { Sql } from '../db/sql';
import { bearer, sendError, type CentralHelpers } from '../http/central-app';
import { branchOfToken } from '../ingest/enrolment';
import { assignBundle, bundleStatus, getBundle, publishBundle, syncBranch } from './bundle-store';

/**
 * Configuration bundles (docs/OPERATIONS.md, "Configuration from head office"): administrators publish, assign
 * and watch; a branch syncs with its own token. Every body parsed with its schema from shared/.
 */
export function bundleRoutes(sql: Sql) {
  return (app: express.Express, { requireAdmin, parse, clock }: CentralHelpers) => {
    const reply = (res: express.Response, outcome: { ok: true; data: unknown } | { ok: false; code: string; message: string }, status = 200) =>
      outcome.ok ? void res.status(status).json(outcome.data) : sendError(res, outcome.code, outcome.message);

    app.post(BUNDLE_PATHS.publish, requireAdmin, (req, res, next) => {
      const body = parse(PublishBundleRequest, req.body, res);
      if (body) publishBundle(sql, body, clock()).then((outcome) => reply(res, outcome, 201), next);
    });
    app.get(BUNDLE_PATHS.bundle, requireAdmin, (req, res, next) => {
      const version = parse(BundleVersionParam, req.params.version, res);
      if (version !== undefined)
        getBundle(sql, version).then((bundle) => (bundle ? void res.json(bundle) : sendError(res, 'NOT_FOUND', `No bundle version ${version}`)), next);
    });
    app.post(BUNDLE_PATHS.assign, requireAdmin, (req, res, next) => {
      const version = parse(BundleVersionParam, req.params.version, res);
      const body = version === undefined ? undefined : parse(AssignBundleRequest, req.body, res);
      if (version !== undefined && body) assignBundle(sql, version, body, clock()).then((outcome) => reply(res, outcome), next);
    });
    app.get(BUNDLE_PATHS.status, requireAdmin, (_req, res, next) => {
      bundleStatus(sql).then((branches) => res.json({ now: clock(), branches }), next);
    });
    app.post(BUNDLE_PATHS.sync, (req, res, next) => {
      const token = bearer(req);
      (token ? branchOfToken(sql, token) : Promise.resolve(null)).then((branch) => {
        if (!branch) return sendError(res, 'UNAUTHORIZED', 'Unknown or revoked branch credential');
        const body = parse(BundleSyncRequest, req.body, res);
        if (body) return syncBranch(sql, branch, body, clock()).then((outcome) => reply(res, outcome));
      }).catch(next);
    });
  };
}
