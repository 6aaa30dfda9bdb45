import type { RequestHandler, Response, Router } from 'express';
import { BranchConfig, CounterConfig, PriorityPolicy, PriorityReason, ServiceConfig } from '@rinda/shared';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { describeIssues, sendError } from '../http/http-errors';
import { recordAudit } from './audit-log';
import { managerId } from './manager-of';

const IdParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/**
 * GET /api/admin/config · PUT /api/admin/branch · PUT /api/admin/services/:id · PUT /api/admin/counters/:id ·
 * DELETE /api/admin/counters/:id · PUT /api/admin/priority-policy · PUT /api/admin/priority-reasons.
 * Each replaces one part of the configuration; the whole result must still be a valid BranchConfig.
 */
export function configRoutes(router: Router, ctx: AppContext, managerOnly: RequestHandler): void {
  router.get('/api/admin/config', managerOnly, (_req, res) => {
    res.json({ config: ctx.config() });
  });

  /** Parses the body, builds the next configuration, applies it live and audits the change. */
  function change<T>(
    res: Response,
    schema: z.ZodType<T>,
    body: unknown,
    action: string,
    target: string | null,
    apply: (config: BranchConfig, value: T) => { next: BranchConfig; before: unknown } | string,
  ): void {
    const parsed = schema.safeParse(body);
    if (!parsed.success) return sendError(res, 'BAD_REQUEST', describeIssues(parsed.error));
    const current = ctx.config();
    const built = apply(current, parsed.data);
    if (typeof built === 'string') return sendError(res, 'NOT_FOUND', built);
    const result = ctx.setConfig(built.next);
    if (!result.ok) return sendError(res, result.error.code, result.error.message);
    recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action, target, before: built.before ?? null, after: parsed.data });
    ctx.logger.info({ event: 'config_changed', action, target }, 'configuration changed');
    res.json({ config: result.data });
  }

  router.put('/api/admin/branch', managerOnly, (req, res) => {
    change(res, BranchConfig.shape.branch, req.body, 'branch.update', null, (config, branch) => ({
      next: { ...config, branch },
      before: config.branch,
    }));
  });

  /**
   * The handler of PUT /api/admin/<list>/:id: replaces the entry with that id or adds it; services and counters
   * alike. Each route is still registered with its literal path, so every route can be found by reading (and
   * the authorisation matrix test, which reads them, covers it).
   */
  function putListEntry<K extends 'services' | 'counters'>(list: K, entry: z.ZodType<BranchConfig[K][number]>, noun: string): RequestHandler {
    return (req, res) => {
      const id = IdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, 'BAD_REQUEST', `Invalid ${noun} id`);
      const schema = entry.refine((e) => e.id === id.data, { message: 'id must match the address', path: ['id'] });
      change(res, schema, req.body, `${noun}.update`, id.data, (config, value) => {
        const entries: readonly BranchConfig[K][number][] = config[list];
        const before = entries.find((e) => e.id === id.data) ?? null;
        const next = before ? entries.map((e) => (e.id === id.data ? value : e)) : [...entries, value];
        return { next: { ...config, [list]: next }, before };
      });
    };
  }
  router.put('/api/admin/services/:id', managerOnly, putListEntry('services', ServiceConfig, 'service'));
  router.put('/api/admin/counters/:id', managerOnly, putListEntry('counters', CounterConfig, 'counter'));

  router.delete('/api/admin/counters/:id', managerOnly, (req, res) => {
    const id = IdParam.safeParse(req.params.id);
    if (!id.success) return sendError(res, 'BAD_REQUEST', 'Invalid counter id');
    if (ctx.state().counters[id.data]?.state !== undefined && ctx.state().counters[id.data]?.state !== 'closed')
      return sendError(res, 'CONFLICT', 'A teller is signed in at this counter; they must sign out first');
    change(res, z.unknown(), null, 'counter.delete', id.data, (config) => {
      const before = config.counters.find((c) => c.id === id.data);
      if (!before) return 'No such counter';
      return { next: { ...config, counters: config.counters.filter((c) => c.id !== id.data) }, before };
    });
  });

  router.put('/api/admin/priority-policy', managerOnly, (req, res) => {
    change(res, PriorityPolicy, req.body, 'priority-policy.update', null, (config, priorityPolicy) => ({
      next: { ...config, priorityPolicy },
      before: config.priorityPolicy,
    }));
  });

  router.put('/api/admin/priority-reasons', managerOnly, (req, res) => {
    change(res, z.array(PriorityReason).max(20), req.body, 'priority-reasons.update', null, (config, priorityReasons) => ({
      next: { ...config, priorityReasons },
      before: config.priorityReasons,
    }));
  });
}
