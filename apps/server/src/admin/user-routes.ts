import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { hashPassword } from '../auth/passwords';
import { NewUser } from '../auth/users';
import { describeIssues, sendError } from '../http/http-errors';
import { recordAudit } from './audit-log';
import { managerId } from './manager-of';

const UserId = z.string().min(1).max(64);
const DisableBody = z.strictObject({ disabled: z.boolean() });
const PasswordBody = z.strictObject({ password: NewUser.shape.password });

interface UserView {
  id: string;
  username: string;
  name: string;
  role: string;
  disabled: boolean;
  createdAt: number;
}

/**
 * GET /api/admin/users · POST /api/admin/users {username, password, name, role} ·
 * POST /api/admin/users/:id/disabled {disabled} · POST /api/admin/users/:id/password {password}.
 * Disabling a user or resetting a password ends the user's sessions and live connections.
 */
export function userRoutes(router: Router, ctx: AppContext, managerOnly: RequestHandler): void {
  const find = (id: string) =>
    ctx.db.prepare('SELECT id, username, name, role, disabled, created_at AS createdAt FROM users WHERE id = ?').get(id) as
      | (Omit<UserView, 'disabled'> & { disabled: number })
      | undefined;
  const view = (u: Omit<UserView, 'disabled'> & { disabled: number }): UserView => ({ ...u, disabled: u.disabled === 1 });
  const endSessions = (userId: string, reason: string) => {
    ctx.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(ctx.clock(), userId);
    ctx.auth.endConnections((p) => p.kind === 'user' && p.userId === userId, reason);
  };

  router.get('/api/admin/users', managerOnly, (_req, res) => {
    const rows = ctx.db.prepare('SELECT id, username, name, role, disabled, created_at AS createdAt FROM users ORDER BY username').all() as (Omit<UserView, 'disabled'> & { disabled: number })[];
    res.json({ users: rows.map(view) });
  });

  router.post('/api/admin/users', managerOnly, async (req, res) => {
    const body = NewUser.safeParse(req.body);
    if (!body.success) return sendError(res, 'BAD_REQUEST', describeIssues(body.error));
    const taken = ctx.db.prepare('SELECT 1 FROM users WHERE username = ?').get(body.data.username);
    if (taken) return sendError(res, 'CONFLICT', 'This user name is taken');
    const user = await ctx.auth.createUser(body.data);
    recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'user.create', target: user.id, before: null, after: user });
    ctx.logger.info({ event: 'user_created', userId: user.id, role: user.role }, 'user created');
    res.status(201).json({ user: view(find(user.id)!) });
  });

  router.post('/api/admin/users/:id/disabled', managerOnly, (req, res) => {
    const id = UserId.safeParse(req.params.id);
    const body = DisableBody.safeParse(req.body);
    if (!id.success || !body.success) return sendError(res, 'BAD_REQUEST', body.success ? 'Invalid user id' : describeIssues(body.error));
    const before = find(id.data);
    if (!before) return sendError(res, 'NOT_FOUND', 'No such user');
    if (body.data.disabled && id.data === managerId(ctx, res)) return sendError(res, 'CONFLICT', 'You cannot disable yourself');
    ctx.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(body.data.disabled ? 1 : 0, id.data);
    if (body.data.disabled) endSessions(id.data, 'account disabled');
    recordAudit(ctx.db, {
      at: ctx.clock(), userId: managerId(ctx, res), action: body.data.disabled ? 'user.disable' : 'user.enable', target: id.data,
      before: { disabled: before.disabled === 1 }, after: body.data,
    });
    res.json({ user: view(find(id.data)!) });
  });

  router.post('/api/admin/users/:id/password', managerOnly, async (req, res) => {
    const id = UserId.safeParse(req.params.id);
    const body = PasswordBody.safeParse(req.body);
    if (!id.success || !body.success) return sendError(res, 'BAD_REQUEST', body.success ? 'Invalid user id' : describeIssues(body.error));
    if (!find(id.data)) return sendError(res, 'NOT_FOUND', 'No such user');
    const hash = await hashPassword(body.data.password);
    ctx.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, id.data);
    endSessions(id.data, 'password reset');
    recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'user.password-reset', target: id.data, before: null, after: null });
    res.json({ ok: true });
  });
}
