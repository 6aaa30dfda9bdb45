import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as shared from '@rinda/shared';
import { COMMAND_ROLES, CommandSchemas, newRequestId, type CommandName, type Role, type Route } from '@rinda/shared';
import { LOAD_TEST_LIMITS, startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { dbFingerprint } from './db-fingerprint';

type HttpRole = 'none' | 'kiosk' | 'display' | 'rating' | 'teller' | 'manager';
const HTTP_ROLES: HttpRole[] = ['none', 'kiosk', 'display', 'rating', 'teller', 'manager'];
const ANYONE = new Set<HttpRole>(HTTP_ROLES);
const STAFF = new Set<HttpRole>(['teller', 'manager']);

/**
 * Who may call each HTTP route. Routes are found in the server's source, so a new route that is not
 * in this table fails the test until someone decides who may call it. /api/admin, /api/reports and
 * /api/staffing are the manager's.
 */
const HTTP_RULES: Record<string, Set<HttpRole>> = {
  'GET /api/health': ANYONE,
  'GET /api/tickets/:id/status': ANYONE,
  'GET /api/appointments/slots': STAFF,
  'GET /api/appointments': STAFF,
  'POST /api/appointments': STAFF,
  'POST /api/appointments/:id/move': STAFF,
  'POST /api/appointments/:id/cancel': STAFF,
  'GET /api/appointments/code/:code': STAFF,
  'GET /api/appointments/report': new Set(['manager']),
  'GET /api/public/appointments/services': ANYONE,
  'GET /api/public/appointments/slots': ANYONE,
  'POST /api/public/appointments': ANYONE,
  'GET /api/join': ANYONE,
  'GET /api/tickets/:id/contact': ANYONE,
  'GET /api/tickets/:id/rating': ANYONE,
  'POST /api/tickets/:id/rating': ANYONE,
  'PUT /api/tickets/:id/contact': ANYONE,
  'DELETE /api/tickets/:id/contact': ANYONE,
  'POST /api/join/challenge': ANYONE,
  'POST /api/join/tickets': ANYONE,
  'POST /api/public/appointments/check-in': ANYONE,
  'GET /t/:id/manifest.webmanifest': ANYONE,
  'POST /api/auth/login': ANYONE,
  'POST /api/auth/logout': new Set(['teller', 'manager', 'kiosk', 'display', 'rating']),
  'POST /api/auth/password': new Set(['teller', 'manager']),
  'POST /api/devices/pairings': ANYONE,
  'POST /api/devices/pairings/:pairingId/claim': ANYONE,
  'GET /api/announcements/:callId': new Set(['display', 'manager']),
  'POST /api/speech': new Set(['kiosk', 'display']),
};
const MANAGER_ONLY = new Set<HttpRole>(['manager']);

function allowedFor(route: string): Set<HttpRole> | undefined {
  if (HTTP_RULES[route]) return HTTP_RULES[route];
  const path = route.split(' ')[1] ?? '';
  if (path.startsWith('/api/admin/') || path.startsWith('/api/reports/') || path.startsWith('/api/staffing/') || path === '/api/admin' || path === '/api/reports') return MANAGER_ONLY;
  return undefined;
}

const isRoute = (value: unknown): value is Route =>
  typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'reply' in value && 'roles' in value;

/**
 * Every route of the HTTP contract (the route definitions shared/src/http exports, which the server serves
 * with serveRoute) and every `router.<method>('/api/...')` written directly in the server's source (tests aside).
 */
function serverRoutes(): string[] {
  const root = new URL('../../apps/server/src/', import.meta.url).pathname;
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/router\.(get|post|put|patch|delete)\(\s*['`](\/api\/[^'`]+)['`]/g))
          found.add(`${m[1]!.toUpperCase()} ${m[2]}`);
      }
    }
  };
  walk(root);
  for (const value of Object.values(shared)) if (isRoute(value)) found.add(`${value.method} ${value.path}`);
  return [...found].sort();
}

describe('authorisation matrix', () => {
  let branch: Branch;
  const tokens = {} as Record<Exclude<HttpRole, 'none'>, string>;
  const sockets = {} as Record<'public' | 'kiosk' | 'display' | 'rating' | 'teller' | 'manager' | 'otherTeller', BranchSocket>;
  let waitingId = '';
  let activeAtC2 = '';

  beforeAll(async () => {
    // Every command from one socket per role, back to back: the rate limits are tested elsewhere (flood.test.ts).
    branch = await startBranch({ limits: LOAD_TEST_LIMITS });
    tokens.kiosk = await branch.deviceToken('kiosk');
    tokens.display = await branch.deviceToken('display');
    tokens.rating = await branch.ratingScreenToken('c1');
    tokens.teller = await branch.userToken('teller', 'anna');
    tokens.manager = await branch.userToken('manager', 'maria');
    const otherTeller = await branch.userToken('teller', 'boris');
    sockets.kiosk = await branch.connect({ token: tokens.kiosk });
    sockets.display = await branch.connect({ token: tokens.display });
    sockets.rating = await branch.connect({ token: tokens.rating });
    sockets.teller = await branch.connect({ token: tokens.teller });
    sockets.manager = await branch.connect({ token: tokens.manager });
    sockets.otherTeller = await branch.connect({ token: otherTeller });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ack = await branch.request(sockets.kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      if (!ack.ok) throw new Error(ack.error.message);
      ids.push(ack.data.ticket.id);
    }
    sockets.public = await branch.connect({ ticketId: ids[2]! });
    const ok = async (p: Promise<{ ok: boolean }>) => expect((await p).ok).toBe(true);
    await ok(branch.request(sockets.teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' }));
    await ok(branch.request(sockets.otherTeller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' }));
    const called = await branch.request(sockets.otherTeller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    if (!called.ok) throw new Error(called.error.message);
    activeAtC2 = called.data.ticket.id;
    waitingId = ids.find((id) => id !== activeAtC2)!;
  });
  afterAll(() => branch.stop());

  const payloadFor = (name: CommandName, counterId: string): Record<string, unknown> => {
    const base = { requestId: newRequestId() };
    switch (name) {
      case 'ticket:issue':
        return { ...base, serviceId: 'cash', language: 'en' };
      case 'ticket:call':
      case 'ticket:reactivate':
        return { ...base, counterId, ticketId: waitingId };
      case 'ticket:transfer':
        return { ...base, counterId, target: { kind: 'service', serviceId: 'cash' }, position: 'back' };
      case 'ticket:cancel':
        return { ...base, ticketId: waitingId };
      case 'rating:submit':
        return { ...base, promptId: 'no-such-prompt', score: 5 };
      case 'counter:pause':
        return { ...base, counterId, reasonId: 'break' };
      case 'sync:request':
        return base;
      default:
        return { ...base, counterId };
    }
  };

  it('refuses a socket without credentials at the handshake', async () => {
    expect(await branch.connectError({})).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  const socketRoles = ['public', 'kiosk', 'display', 'rating', 'teller', 'manager'] as const;
  const refusals = (Object.keys(CommandSchemas) as CommandName[]).flatMap((name) =>
    socketRoles.filter((role) => !COMMAND_ROLES[name].includes(role as Role)).map((role) => [name, role] as const),
  );
  it.each(refusals)('refuses %s from a %s with FORBIDDEN and changes nothing', async (name, role) => {
    const before = dbFingerprint(branch.ctx.db);
    const ack = await branch.request(sockets[role], name, payloadFor(name, 'c1') as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  const counterCommands = (Object.keys(CommandSchemas) as CommandName[]).filter(
    (name) => COMMAND_ROLES[name].includes('teller') && 'counterId' in (CommandSchemas[name].shape as object),
  );
  it.each(counterCommands)('refuses %s from a teller on another teller’s counter and changes nothing', async (name) => {
    const before = dbFingerprint(branch.ctx.db);
    const ack = await branch.request(sockets.teller, name, payloadFor(name, 'c2') as never);
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe(name === 'counter:signIn' ? 'COUNTER_TAKEN' : 'FORBIDDEN');
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });

  it.each([
    ['ticket:call', { counterId: 'c1' }],
    ['ticket:cancel', {}],
    ['ticket:reactivate', { counterId: 'c1' }],
  ] as const)('refuses %s of the ticket active at another counter and changes nothing', async (name, extra) => {
    const before = dbFingerprint(branch.ctx.db);
    const ack = await branch.request(sockets.teller, name, { requestId: newRequestId(), ticketId: activeAtC2, ...extra } as never);
    expect(ack.ok).toBe(false);
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
    const ticket = branch.ctx.state().tickets.get(activeAtC2);
    expect(ticket).toMatchObject({ state: 'called', counterId: 'c2' });
  });

  const routes = serverRoutes();
  it('knows who may call every HTTP route the server defines', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((r) => !allowedFor(r))).toEqual([]);
  });

  const httpRefusals = routes.flatMap((route) => {
    const allowed = allowedFor(route);
    return allowed ? HTTP_ROLES.filter((role) => !allowed.has(role)).map((role) => [route, role] as const) : [];
  });
  it.each(httpRefusals)('refuses %s for %s (401 without a token, 403 for another role) and changes nothing', async (route, role) => {
    const [method, pattern] = route.split(' ') as [string, string];
    const path = pattern.replace(/:[A-Za-z]+/g, 'x'.repeat(22));
    const before = dbFingerprint(branch.ctx.db);
    const res = await branch.http(path, {
      method,
      body: method === 'GET' ? undefined : {},
      token: role === 'none' ? undefined : tokens[role],
    });
    expect(res.status).toBe(role === 'none' ? 401 : 403);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: role === 'none' ? 'UNAUTHENTICATED' : 'FORBIDDEN' } });
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
  });
});
