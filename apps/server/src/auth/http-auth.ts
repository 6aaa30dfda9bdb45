import type { Request, RequestHandler, Response } from 'express';
import type { Role } from '@rinda/shared';
import type { Db } from '../db/database';
import { sendError } from '../http/http-errors';
import { authenticateToken, type AuthMode } from './authenticate';
import type { Principal } from './principal';

/** The token of `Authorization: Bearer <token>`; tokens never travel in a URL. */
export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  const match = header ? /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header) : null;
  return match?.[1] ?? null;
}

export function makeRequireRole(db: Db, clock: () => number, mode: AuthMode) {
  return (...roles: Role[]): RequestHandler =>
    (req, res, next) => {
      const token = bearerToken(req);
      if (!token) return sendError(res, 'UNAUTHENTICATED', 'Sign in first');
      const authenticated = authenticateToken(db, token, clock(), mode);
      if (!authenticated.ok) return sendError(res, authenticated.error.code, authenticated.error.message);
      const principal = authenticated.data;
      if (!roles.includes(principal.role)) return sendError(res, 'FORBIDDEN', 'Your role may not do this');
      res.locals.principal = principal;
      next();
    };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('principalOf called on a route without requireRole');
  return principal;
}
