import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { CENTRAL_LIMITS, CENTRAL_PATHS, CreateBranchRequest, EnrolRequest, ShipBatchRequest } from '@rinda/shared';
import type { Sql } from '../db/sql';
import { branchOfToken, createBranch, enrolBranch } from '../ingest/enrolment';
import { ingestBatch } from '../ingest/ingest-batch';

export interface CentralDeps {
  sql: Sql;
  /** Head office's administrators' token (hashed here, compared in constant time). */
  adminToken: string;
  clock?: () => number;
  /** Certificate and key (PEM) to serve HTTPS; null serves plain HTTP (loopback tests, or behind a TLS proxy). */
  tls?: { cert: string; key: string } | null;
  /** Further routes (views, reports) on the same app, after authentication. */
  extend?: (app: express.Express, helpers: CentralHelpers) => void;
}

export interface CentralHelpers {
  requireAdmin: express.RequestHandler;
  parse<S extends z.ZodType>(schema: S, value: unknown, res: Response): z.output<S> | undefined;
  clock: () => number;
}

const STATUS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, SEQUENCE_GAP: 409, INTERNAL: 500 };

export function sendError(res: Response, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(STATUS[code] ?? 400).json({ ok: false, error: { code, message }, ...extra });
}

export function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Head office's HTTP API (docs/OPERATIONS.md, "Head office"): every body parsed with its schema from shared/. */
export function createCentralApp(deps: CentralDeps): { app: express.Express; httpServer: Server } {
  const clock = deps.clock ?? Date.now;
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: CENTRAL_LIMITS.maxBodyBytes }));
  const adminDigest = digest(deps.adminToken);

  const parse = <S extends z.ZodType>(schema: S, value: unknown, res: Response): z.output<S> | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    sendError(res, 'BAD_REQUEST', parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    return undefined;
  };
  const requireAdmin = (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (token && timingSafeEqual(digest(token), adminDigest)) return next();
    sendError(res, 'UNAUTHORIZED', 'Head office administrators only');
  };
  const wrap = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);

  app.get('/api/health', (_req, res) => void res.json({ ok: true, database: deps.sql.kind }));

  app.post(
    CENTRAL_PATHS.branches,
    requireAdmin,
    wrap(async (req, res) => {
      const body = parse(CreateBranchRequest, req.body, res);
      if (body) res.status(201).json(await createBranch(deps.sql, body, clock()));
    }),
  );

  app.post(
    CENTRAL_PATHS.enrol,
    wrap(async (req, res) => {
      const body = parse(EnrolRequest, req.body, res);
      if (!body) return;
      const outcome = await enrolBranch(deps.sql, body.branchId, body.code, clock());
      if (outcome.ok) res.json(outcome.data);
      else sendError(res, outcome.code, outcome.message);
    }),
  );

  app.post(
    CENTRAL_PATHS.batches,
    wrap(async (req, res) => {
      const token = bearer(req);
      const branch = token ? await branchOfToken(deps.sql, token) : null;
      if (!branch) return sendError(res, 'UNAUTHORIZED', 'Unknown or revoked branch credential');
      const body = parse(ShipBatchRequest, req.body, res);
      if (!body) return;
      const outcome = await ingestBatch(deps.sql, branch, body, clock());
      if (outcome.ok) res.json(outcome.data);
      else if (outcome.code === 'SEQUENCE_GAP') sendError(res, outcome.code, outcome.message, { expectedSeq: outcome.expectedSeq });
      else sendError(res, outcome.code, outcome.message);
    }),
  );

  deps.extend?.(app, { requireAdmin, parse, clock });

  // A body too large or not JSON: a clear refusal, nothing stored.
  app.use((error: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (error.type === 'entity.too.large') return sendError(res, 'BAD_REQUEST', `Body over ${CENTRAL_LIMITS.maxBodyBytes} bytes`);
    if (error.type === 'entity.parse.failed') return sendError(res, 'BAD_REQUEST', 'Body is not JSON');
    sendError(res, 'INTERNAL', 'Head office could not do that; it is logged');
    console.error(error);
  });
  return { app, httpServer: deps.tls ? createHttpsServer({ cert: deps.tls.cert, key: deps.tls.key }, app) : createServer(app) };
}
