import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendError } from '../http/http-errors';
import type { HostPolicy } from './allowed-hosts';

/** What a refused request is told: which header, and where the list of names is configured. */
export const HOST_REFUSED_MESSAGE =
  'This branch server does not answer to this host name (Host header). Use one of its configured names, or add the name with --allowed-hosts / RINDA_ALLOWED_HOSTS';

type AllowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void;

/** HTTP: refused before any route, static file or origin check sees the request. */
export function httpHostGuard(policy: HostPolicy): RequestHandler {
  return (req, res, next) => {
    if (policy.allows(req.headers.host)) return next();
    sendError(res, 'FORBIDDEN', HOST_REFUSED_MESSAGE);
  };
}

/** socket.io's `allowRequest`: the Host check first, then `next` (the origin check), on every transport's handshake. */
export function socketHostCheck(policy: HostPolicy, next: AllowRequest): AllowRequest {
  return (req, callback) => {
    if (!policy.allows(req.headers.host)) return callback(HOST_REFUSED_MESSAGE, false);
    next(req, callback);
  };
}
