import { z } from 'zod';
import { ErrorCode } from '../errors';
import type { Role } from '../protocol/roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One HTTP route of the branch server, as both ends see it: the express path, who may call it, and zod
 * schemas for its params, query, body and JSON reply (a part it does not have is left out). The server parses
 * the request with these schemas and types its reply from them (apps/server/src/http/typed-route.ts); apps
 * call it through the one client (`@rinda/shared/ui/http`), which parses the reply with `reply`.
 */
export interface Route {
  readonly method: HttpMethod;
  /** An express path: `/api/admin/users/:id/disabled`. */
  readonly path: string;
  /** Who may call it: `public` means anyone who can reach the server. */
  readonly roles: 'public' | readonly Exclude<Role, 'public'>[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly reply: z.ZodType;
  /** The HTTP status of a success when not 200 (201 for a route that creates something). */
  readonly status?: 201;
}

/** Declares a route, keeping every schema's own type (so both ends infer from the same definition). */
export function defineRoute<const R extends Route>(def: R): R {
  return def;
}

export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Accepted<S> = S extends z.ZodType ? z.input<S> : undefined;

export type ParamsOf<R extends Route> = Parsed<R['params']>;
export type QueryOf<R extends Route> = Parsed<R['query']>;
export type BodyOf<R extends Route> = Parsed<R['body']>;
/** What the server's handler returns and what the client hands back after parsing. */
export type ReplyOf<R extends Route> = z.output<R['reply']>;

/** Keys whose value may be undefined become optional: a route without a body takes no `body`. */
type OptionalWhenUndefined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: T[K];
};

/** What a caller passes to call a route: its params, query and body, each as the schema accepts it. */
export type RouteInput<R extends Route> = OptionalWhenUndefined<{
  params: Accepted<R['params']>;
  query: Accepted<R['query']>;
  body: Accepted<R['body']>;
}>;

/** The reply of every refused request, HTTP or socket: `{ok: false, error: {code, message}}`. */
export const ErrorReply = z.object({ ok: z.literal(false).optional(), error: z.object({ code: ErrorCode, message: z.string() }) });

/** The reply of a route that only says it worked. */
export const OkReply = z.object({ ok: z.literal(true) });

/** A route's URL with its params filled in (each encoded) and its query appended. */
export function routeUrl(route: Route, input: object): string {
  const params = 'params' in input && isRecord(input.params) ? input.params : {};
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`${route.path}: missing param ${name}`);
    return encodeURIComponent(String(value));
  });
  if (!('query' in input) || !isRecord(input.query)) return path;
  const query = Object.entries(input.query)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query === '' ? path : `${path}?${query}`;
}

/** A reply through its route's schema, typed by the route. */
export function parseReply<R extends Route>(route: R, body: unknown): { success: true; data: ReplyOf<R> } | { success: false };
export function parseReply(route: Route, body: unknown): { success: true; data: unknown } | { success: false } {
  return route.reply.safeParse(body);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
