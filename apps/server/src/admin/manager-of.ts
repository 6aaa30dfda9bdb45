import type { Response } from 'express';
import type { AppContext } from '../app-context';

/** The signed-in manager's user id (routes here are behind requireRole('manager')). */
export function managerId(ctx: AppContext, res: Response): string {
  const p = ctx.auth.principalOf(res);
  return p.kind === 'user' ? p.userId : `${p.kind}:?`;
}
