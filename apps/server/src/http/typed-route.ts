import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { BodyOf, ErrorCode, Failure, ParamsOf, Parsed, QueryOf, ReplyOf, Route, Success } from '@rinda/shared';
import type { AuthHelpers } from '../app-context';
import { describeIssues, sendError } from './http-errors';

/** A route's request, parsed with its schemas from shared/src/http. */
export interface ParsedRequest<R extends Route> {
  params: ParamsOf<R>;
  query: QueryOf<R>;
  body: BodyOf<R>;
}

/** A refusal, with an HTTP status when the code's usual one does not fit (503: this server has no voice). */
export type HttpRefusal = Failure & { status?: number };

/** Returned by a handler that wrote the response itself (a file, a CSV, bytes encoded elsewhere). */
export const SENT = Symbol('response sent');

/** What a handler answers: `ok(reply)` typed by the route, a refusal (`fail(code, message)`), or SENT. */
export type RouteOutcome<R extends Route> = Success<ReplyOf<R>> | HttpRefusal | typeof SENT;

export type RouteHandler<R extends Route> = (request: ParsedRequest<R>, req: Request, res: Response) => RouteOutcome<R> | Promise<RouteOutcome<R>>;

export interface ServeOptions {
  /** Middleware run after the role check and before the request is parsed (a throttle that must come first). */
  before?: RequestHandler[];
  /** The refusal for params that do not parse; by default BAD_REQUEST naming the issues. */
  badParams?: { code: ErrorCode; message: string };
}

/**
 * Registers a route of shared/src/http on the router: the role check its definition names, then params,
 * query and body parsed with its schemas (BAD_REQUEST with the issues, and nothing done, when one fails),
 * then the handler, whose reply type the route fixes, sent with the route's success status.
 */
export function serveRoute<R extends Route>(
  router: Router,
  auth: Pick<AuthHelpers, 'requireRole'>,
  route: R,
  handler: RouteHandler<R>,
  options: ServeOptions = {},
): void {
  const roleCheck = route.roles === 'public' ? [] : [auth.requireRole(...route.roles)];
  const method = route.method === 'GET' ? 'get' : route.method === 'POST' ? 'post' : route.method === 'PUT' ? 'put' : 'delete';
  router[method](route.path, ...roleCheck, ...(options.before ?? []), async (req: Request, res: Response) => {
    const params = parsePart<R['params']>(route.params, req.params);
    if (!params.success) {
      const refusal = options.badParams ?? { code: 'BAD_REQUEST', message: describeIssues(params.error) };
      return sendError(res, refusal.code, refusal.message);
    }
    const query = parsePart<R['query']>(route.query, req.query);
    if (!query.success) return sendError(res, 'BAD_REQUEST', describeIssues(query.error));
    const body = parsePart<R['body']>(route.body, req.body);
    if (!body.success) return sendError(res, 'BAD_REQUEST', describeIssues(body.error));
    const outcome = await handler({ params: params.data, query: query.data, body: body.data }, req, res);
    if (outcome === SENT) return;
    if (outcome.ok) return void res.status(route.status ?? 200).json(outcome.data);
    if (outcome.status !== undefined) return void res.status(outcome.status).json({ ok: false, error: outcome.error });
    sendError(res, outcome.error.code, outcome.error.message, outcome.error.retryAfterMs);
  });
}

type PartResult<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/** A request part through its schema; a route without the part ignores what came (express fills params and query). */
function parsePart<S extends z.ZodType | undefined>(schema: S, value: unknown): PartResult<Parsed<S>>;
function parsePart(schema: z.ZodType | undefined, value: unknown): PartResult<unknown> {
  return schema ? schema.safeParse(value) : { success: true, data: undefined };
}
