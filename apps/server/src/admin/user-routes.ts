import type { Router } from 'express';
import { CreateUserRoute, fail, ok, ResetPasswordRoute, SetUserDisabledRoute, UsersRoute, type UserRole, type UserView } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { weakPasswordRefusal } from '../auth/password-policy';
import { setPassword } from '../auth/users';
import { serveRoute } from '../http/typed-route';
import { recordAudit } from './audit-log';
import { managerId } from './manager-of';

const badUserId = { badParams: { code: 'BAD_REQUEST', message: 'Invalid user id' } } as const;

/** A user as SQLite gives it: the flags are 0/1. */
interface UserViewRow {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  disabled: number;
  createdAt: number;
  mustChange: number;
  isDemo: number;
}
const USER_COLUMNS = 'id, username, name, role, disabled, created_at AS createdAt, must_change_password AS mustChange, is_demo AS isDemo';

/**
 * GET /api/admin/users · POST /api/admin/users {username, password, name, role} ·
 * POST /api/admin/users/:id/disabled {disabled} · POST /api/admin/users/:id/password {password}.
 * Disabling a user or resetting a password ends the user's sessions and live connections. A password a
 * manager sets (new user, reset) meets the policy (WEAK_PASSWORD) and must be changed at the next sign-in.
 */
export function userRoutes(router: Router, ctx: AppContext): void {
  const find = (id: string) => ctx.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserViewRow | undefined;
  const view = ({ disabled, mustChange, isDemo, ...u }: UserViewRow): UserView => ({
    ...u,
    disabled: disabled === 1,
    passwordChangeRequired: mustChange === 1,
    demo: isDemo === 1,
  });
  const endSessions = (userId: string, reason: string) => {
    ctx.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(ctx.clock(), userId);
    ctx.auth.endConnections((p) => p.kind === 'user' && p.userId === userId, reason);
  };

  serveRoute(router, ctx.auth, UsersRoute, () => {
    const rows = ctx.db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`).all() as UserViewRow[];
    return ok({ users: rows.map(view) });
  });

  serveRoute(router, ctx.auth, CreateUserRoute, async ({ body }, _req, res) => {
    const made = await ctx.auth.createUser(body, { mustChangePassword: true });
    if (!made.ok) return made;
    const user = made.data;
    recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'user.create', target: user.id, before: null, after: user });
    ctx.logger.info({ event: 'user_created', userId: user.id, role: user.role }, 'user created');
    const created = find(user.id);
    return created ? ok({ user: view(created) }) : fail('INTERNAL', 'The new user could not be read back');
  });

  serveRoute(
    router,
    ctx.auth,
    SetUserDisabledRoute,
    ({ params: { id }, body }, _req, res) => {
      const before = find(id);
      if (!before) return fail('NOT_FOUND', 'No such user');
      if (body.disabled && id === managerId(ctx, res)) return fail('CONFLICT', 'You cannot disable yourself');
      ctx.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(body.disabled ? 1 : 0, id);
      if (body.disabled) endSessions(id, 'account disabled');
      recordAudit(ctx.db, {
        at: ctx.clock(), userId: managerId(ctx, res), action: body.disabled ? 'user.disable' : 'user.enable', target: id,
        before: { disabled: before.disabled === 1 }, after: body,
      });
      return ok({ user: view({ ...before, disabled: body.disabled ? 1 : 0 }) });
    },
    badUserId,
  );

  serveRoute(
    router,
    ctx.auth,
    ResetPasswordRoute,
    async ({ params: { id }, body }, _req, res) => {
      const user = find(id);
      if (!user) return fail('NOT_FOUND', 'No such user');
      const weak = weakPasswordRefusal(body.password, user.username);
      if (weak) return weak;
      await setPassword(ctx.db, id, body.password, true);
      endSessions(id, 'password reset');
      recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'user.password-reset', target: id, before: null, after: null });
      return ok({ ok: true });
    },
    badUserId,
  );
}
