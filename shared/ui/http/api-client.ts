import { ErrorReply, parseReply, routeUrl, type ErrorCode, type ReplyOf, type Route, type RouteInput } from '@rinda/shared';

/** What a call gives back: the parsed reply, or the server's refusal, or NETWORK when it could not be asked. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; code: ErrorCode | 'NETWORK'; message: string };

export interface CallOptions {
  /** A session or device token, sent as `Authorization: Bearer` (never in the URL). */
  token?: string | null;
  signal?: AbortSignal;
  cache?: RequestCache;
  /** The server's origin, when it is not the page's own (a client running in Node, as the tests do). */
  origin?: string;
}

/** A route's params, query and body (those it has) and the call's options: `{params, query, body, token, signal}`. */
export type RouteRequest<R extends Route> = RouteInput<R> & CallOptions;

/**
 * The one way a web app calls the branch server's HTTP API: the route definition from `@rinda/shared`
 * (shared/src/http) gives the URL, the method and the reply's schema, so no app writes a reply type again.
 * The reply is parsed like any input from outside.
 */
export async function callRoute<R extends Route>(route: R, request: RouteRequest<R>): Promise<ApiResult<ReplyOf<R>>> {
  const response = await fetchRoute(route, request, 'application/json');
  if (!(response instanceof Response)) return response;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return refusalOf(response, body);
  const parsed = parseReply(route, body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, code: 'INTERNAL', message: 'Unexpected reply from the server' };
}

/**
 * The raw response of a route (a CSV download, say), or the failure when the server could not be reached.
 * Use callRoute for JSON replies.
 */
export async function fetchRoute<R extends Route>(
  route: R,
  request: RouteRequest<R>,
  accept: string,
): Promise<Response | ApiResult<never>> {
  const headers: Record<string, string> = { accept };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  const body = 'body' in request && request.body !== undefined ? JSON.stringify(request.body) : undefined;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(`${request.origin ?? ''}${routeUrl(route, request)}`, { method: route.method, headers, body, signal: request.signal, cache: request.cache });
  } catch {
    return { ok: false, code: 'NETWORK', message: 'The branch server cannot be reached' };
  }
}

/** The failure a refused response carries (`{error: {code, message}}`), or one made from its status. */
export function refusalOf(response: Response, body: unknown): ApiResult<never> {
  const error = ErrorReply.safeParse(body);
  if (error.success) return { ok: false, ...error.data.error };
  return { ok: false, code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${response.status}` };
}
