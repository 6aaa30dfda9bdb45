import type express from 'express';
import { CENTRAL_PATHS, CentralReportName, CentralReportQuery } from '@rinda/shared';
import type { Sql } from '../db/sql';
import type { ReplicaSet } from '../replicas/replica-set';
import type { RollupMaintainer } from '../replicas/rollup-maintainer';
import { branchStates } from '../views/branch-states';
import { crossBranchReport } from '../views/cross-branch-report';
import { sendError, type CentralHelpers } from './central-app';

/** Head office's views for its administrators: every branch's state now, and reports across branches. */
export function viewRoutes(sql: Sql, replicas: ReplicaSet, rollups: RollupMaintainer) {
  return (app: express.Express, { requireAdmin, parse, clock }: CentralHelpers) => {
    app.get(CENTRAL_PATHS.branchStates, requireAdmin, (_req, res, next) => {
      branchStates(sql, replicas, clock()).then((reply) => res.json(reply), next);
    });
    app.get(CENTRAL_PATHS.report, requireAdmin, (req, res, next) => {
      const name = parse(CentralReportName, req.params.name, res);
      if (!name) return;
      const query = parse(CentralReportQuery, req.query, res);
      if (!query) return;
      crossBranchReport(sql, rollups, name, query).then((outcome) => (outcome.ok ? res.json(outcome.data) : sendError(res, outcome.code, outcome.message)), next);
    });
  };
}
