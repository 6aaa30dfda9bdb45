import type { Response, Router } from 'express';
import {
  ConfigRoute,
  DeleteCounterRoute,
  fail,
  ok,
  PutAlertsRoute,
  PutBranchRoute,
  PutCounterRoute,
  PutPriorityPolicyRoute,
  PutPriorityReasonsRoute,
  PutPrinterProfilesRoute,
  PutServiceRoute,
  type BranchConfig,
  type Result,
} from '@rinda/shared';
import type { AppContext } from '../app-context';
import { serveRoute } from '../http/typed-route';
import { recordAudit } from './audit-log';
import { managerId } from './manager-of';

/**
 * GET /api/admin/config · PUT /api/admin/branch · PUT /api/admin/services/:id · PUT /api/admin/counters/:id ·
 * DELETE /api/admin/counters/:id · PUT /api/admin/priority-policy · PUT /api/admin/priority-reasons ·
 * PUT /api/admin/printer-profiles · PUT /api/admin/alerts.
 * Each replaces one part of the configuration; the whole result must still be a valid BranchConfig.
 */
export function configRoutes(router: Router, ctx: AppContext): void {
  serveRoute(router, ctx.auth, ConfigRoute, () => ok({ config: ctx.config() }));

  /** Builds the next configuration from the parsed value, applies it live and audits the change. */
  function change<T>(
    res: Response,
    value: T,
    action: string,
    target: string | null,
    apply: (config: BranchConfig, value: T) => { next: BranchConfig; before: unknown } | string,
  ): Result<{ config: BranchConfig }> {
    const built = apply(ctx.config(), value);
    if (typeof built === 'string') return fail('NOT_FOUND', built);
    const result = ctx.setConfig(built.next);
    if (!result.ok) return result;
    recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action, target, before: built.before ?? null, after: value ?? null });
    ctx.logger.info({ event: 'config_changed', action, target }, 'configuration changed');
    return ok({ config: result.data });
  }

  serveRoute(router, ctx.auth, PutBranchRoute, ({ body }, _req, res) =>
    change(res, body, 'branch.update', null, (config, branch) => ({ next: { ...config, branch }, before: config.branch })),
  );

  /**
   * PUT /api/admin/<list>/:id replaces the entry with that id or adds it; services and counters alike.
   * Each route is still registered with its own definition, so every route can be found by reading (and
   * the authorisation matrix test, which reads them, covers it).
   */
  function putListEntry<K extends 'services' | 'counters'>(res: Response, list: K, id: string, entry: BranchConfig[K][number], noun: string) {
    if (entry.id !== id) return fail('BAD_REQUEST', 'Invalid request: id: id must match the address');
    return change(res, entry, `${noun}.update`, id, (config, value) => {
      const entries: readonly BranchConfig[K][number][] = config[list];
      const before = entries.find((e) => e.id === id) ?? null;
      const next = before ? entries.map((e) => (e.id === id ? value : e)) : [...entries, value];
      return { next: { ...config, [list]: next }, before };
    });
  }
  serveRoute(router, ctx.auth, PutServiceRoute, ({ params, body }, _req, res) => putListEntry(res, 'services', params.id, body, 'service'), {
    badParams: { code: 'BAD_REQUEST', message: 'Invalid service id' },
  });
  serveRoute(router, ctx.auth, PutCounterRoute, ({ params, body }, _req, res) => putListEntry(res, 'counters', params.id, body, 'counter'), {
    badParams: { code: 'BAD_REQUEST', message: 'Invalid counter id' },
  });

  serveRoute(
    router,
    ctx.auth,
    DeleteCounterRoute,
    ({ params: { id } }, _req, res) => {
      const state = ctx.state().counters[id]?.state;
      if (state !== undefined && state !== 'closed') return fail('CONFLICT', 'A teller is signed in at this counter; they must sign out first');
      return change(res, null, 'counter.delete', id, (config) => {
        const before = config.counters.find((c) => c.id === id);
        if (!before) return 'No such counter';
        return { next: { ...config, counters: config.counters.filter((c) => c.id !== id) }, before };
      });
    },
    { badParams: { code: 'BAD_REQUEST', message: 'Invalid counter id' } },
  );
  serveRoute(router, ctx.auth, PutAlertsRoute, ({ body }, _req, res) =>
    change(res, body, 'alerts.update', null, (config, alerts) => ({ next: { ...config, alerts }, before: config.alerts })),
  );

  serveRoute(router, ctx.auth, PutPriorityPolicyRoute, ({ body }, _req, res) =>
    change(res, body, 'priority-policy.update', null, (config, priorityPolicy) => ({ next: { ...config, priorityPolicy }, before: config.priorityPolicy })),
  );
  serveRoute(router, ctx.auth, PutPriorityReasonsRoute, ({ body }, _req, res) =>
    change(res, body, 'priority-reasons.update', null, (config, priorityReasons) => ({ next: { ...config, priorityReasons }, before: config.priorityReasons })),
  );
  serveRoute(router, ctx.auth, PutPrinterProfilesRoute, ({ body }, _req, res) =>
    change(res, body, 'printer-profiles.update', null, (config, printerProfiles) => ({ next: { ...config, printerProfiles }, before: config.printerProfiles })),
  );
}
