import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendError } from '../http/http-errors';
import { isAllowedOrigin, type OriginPolicy } from './origins';

/** HTTP: a request a page of another origin made is refused before any route sees it. */
export function httpOriginGuard(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    if (isAllowedOrigin(req.get('origin'), req.get('host'), policy)) return next();
    sendError(res, 'FORBIDDEN', 'This origin may not use the branch server');
  };
}

/** socket.io's `allowRequest`: checked on the handshake of every transport, polling and WebSocket alike. */
export function socketOriginCheck(policy: OriginPolicy) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    const allowed = isAllowedOrigin(typeof origin === 'string' ? origin : undefined, req.headers.host, policy);
    callback(allowed ? null : 'Origin not allowed', allowed);
  };
}
