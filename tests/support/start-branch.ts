/**
 * startBranch(): a real branch server for tests, on 127.0.0.1 with a random port and a fresh data dir.
 *
 *   const branch = await startBranch();                 // demo branch config, real clock, no printing
 *   const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
 *   const tellerToken = await branch.userToken('teller', 'anna');   // creates the user and signs in
 *   const teller = await branch.connect({ token: tellerToken });
 *   const issued = await request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
 *   const msg = await branch.nextEvent(teller, 'ticket:issued');    // a broadcast, awaited (alone or in a batch)
 *   await branch.restart();                             // same data dir, same port: clients reconnect
 *   await branch.stop();                                // closes clients it made, the server, removes the dir
 *
 * Options: `config` (seed), `clock` (a function, or use `branch.clock` — a settable test clock — by passing
 * `clock: 'manual'`), `printing` (a TicketPrinting or a factory of one from the AppContext), `features`,
 * `appsDir` (serve built web apps from elsewhere), `dataDir` (reuse a directory; kept on stop), `newId`
 * (ticket ids; they must never repeat for one data dir, restarts included: a repeat is a failed write),
 * `allowedHosts` (the Host names it answers to; default: the machine's own), `printerAddresses` (default: any
 * port, loopback allowed, as virtual printers listen on 127.0.0.1 on random ports; a real branch allows neither),
 * `tls: true` (below), `demo` (runs as with --demo: demo accounts and devices work; default off, as a real branch).
 *
 * TLS: `startBranch({ tls: true })` serves HTTPS and WSS with the certificate the server makes for itself in
 * its data dir, as a real branch does on first run, and starts the plain-HTTP redirect on another random port
 * (`branch.redirectUrl`). `branch.url` is then https://127.0.0.1:<port>; connect(), connectError() and http()
 * trust exactly that certificate (its PEM as their only CA), so a different certificate would be refused.
 *
 * Limits: `limits` replaces the default rate, connection and buffer limits (a test that drives one socket
 * faster than any real device raises them, `LOAD_TEST_LIMITS`; the tests of the limits lower them).
 *
 * Users: `branch.createUser` writes the user straight into the database (insertUser) so a test may give a
 * short password like "secret" and sign in at once; the password policy and the change a manager's
 * password requires are the product's rules for people (POST /api/admin/users, npm run setup), and are
 * tested through those routes.
 *
 * Logs: test servers are silent, because tests provoke refusals and failures on purpose, which would read
 * as errors in the output. Set
 * RINDA_TEST_LOG to a pino level (`RINDA_TEST_LOG=debug npx vitest run tests/integration`) to see them.
 *
 * connect() resolves once the socket is connected AND its first snapshot arrived (`branch.snapshotOf(socket)`
 * returns the latest snapshot it received); connectError() resolves with the refusal of a handshake.
 * Every socket uses the websocket transport only and never reconnects on its own unless `reconnect: true`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { Server as NetServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  request as sharedRequest,
  type AckEmitter,
  type BranchConfig,
  type BranchSnapshot,
  type ClientToServerEvents,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type ErrorCode,
  type HandshakeAuth,
  type Result,
  type ServerToClientEvents,
} from '@rinda/shared';
import {
  createApp,
  createHttpsRedirect,
  ensureSelfSignedCertificate,
  type AppContext,
  type AppDeps,
  type FeatureModule,
  type PrinterAddressPolicy,
  type RindaApp,
  type ServerCertificate,
} from '@rinda/server';
import { insertUser, type CreatedUser } from '../../apps/server/src/auth/users';

export { LOAD_TEST_LIMITS } from './load-limits';

export type BranchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type EventName = keyof ServerToClientEvents;
export type EventPayload<K extends EventName> = Parameters<ServerToClientEvents[K]>[0];

export interface StartBranchOptions {
  config?: BranchConfig;
  /** A clock function, or 'manual' for `branch.clock` (starts at `startAt`, moved with set/advance). */
  clock?: (() => number) | 'manual';
  startAt?: number;
  printing?: AppDeps['printing'];
  features?: FeatureModule[];
  appsDir?: string;
  dataDir?: string;
  newId?: () => string;
  allowedHosts?: string[];
  printerAddresses?: PrinterAddressPolicy;
  /** HTTPS and WSS with the server's own certificate, and the plain-HTTP redirect (see the header). */
  tls?: boolean;
  limits?: AppDeps['limits'];
  demo?: boolean;
  /** SMS alerts through a gateway (a local fake in tests: tests/support/fake-sms-gateway.ts). */
  sms?: AppDeps['sms'];
}

/** Test branches print to virtual printers on loopback, on whatever port the system gave them. */
export const TEST_PRINTER_ADDRESSES: PrinterAddressPolicy = { tcpPorts: [{ from: 1, to: 65535 }], allowLoopback: true };

/** A settable clock for tests that need time to pass (wait estimates, business days, reactivation windows). */
export interface ManualClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export interface ConnectOptions {
  reconnect?: boolean;
}

export interface Branch {
  /** http://127.0.0.1:<port>, or https:// with `tls: true`. */
  url: string;
  port: number;
  /** With `tls: true`: the certificate the server presents (PEM, fingerprint); otherwise null. */
  certificate: ServerCertificate | null;
  /** With `tls: true`: the plain-HTTP port that only redirects to HTTPS (http://127.0.0.1:<port>); otherwise null. */
  redirectUrl: string | null;
  dataDir: string;
  /** The running server's context (db, config, helpers). Replaced by restart(). */
  ctx: AppContext;
  app: RindaApp;
  clock: ManualClock;
  /** Token of this branch's default device of that kind (enrolled on first use). */
  deviceToken(kind: 'kiosk' | 'display'): Promise<string>;
  enrolDevice(kind: 'kiosk' | 'display', name: string, printerUrl?: string | null): { id: string; token: string };
  /**
   * A rating screen for `counterId`, paired as a manager pairs one (the pairing routes, with a new manager): its
   * token. Each call pairs another screen.
   */
  ratingScreenToken(counterId: string): Promise<string>;
  /** A user written straight into the database: no password policy, no change required (see the header). */
  createUser(username: string, password: string, role: 'teller' | 'manager', name?: string): Promise<CreatedUser>;
  /** POST /api/auth/login; throws on failure. */
  login(username: string, password: string): Promise<string>;
  /** createUser (password "secret") + login: a session token for a new user of that role. */
  userToken(role: 'teller' | 'manager', username?: string): Promise<string>;
  connect(auth: Partial<HandshakeAuth>, options?: ConnectOptions): Promise<BranchSocket>;
  /** The refusal a handshake gets: {message, code}. */
  connectError(auth: Partial<HandshakeAuth>): Promise<{ message: string; code: ErrorCode | undefined }>;
  snapshotOf(socket: BranchSocket): BranchSnapshot;
  /** Emits a command and resolves with its ack (the shared client's request()). */
  request<K extends CommandName>(socket: BranchSocket, name: K, payload: CommandPayload<K>, timeoutMs?: number): Promise<Result<CommandResults[K]>>;
  /** Resolves with the next `name` event on the socket matching `where`. Rejects after timeoutMs. */
  nextEvent<K extends EventName>(socket: BranchSocket, name: K, where?: (msg: EventPayload<K>) => boolean, timeoutMs?: number): Promise<EventPayload<K>>;
  /** fetch() against the branch: path relative to url; JSON body; Bearer token when given. */
  http(path: string, init?: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> }): Promise<Response>;
  /** Closes the server (sockets see a disconnect) and starts it again on the same file and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBranch(options: StartBranchOptions = {}): Promise<Branch> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rinda-test-'));
  let manualNow = options.startAt ?? Date.now();
  const clock: ManualClock = {
    now: () => manualNow,
    set: (ms) => void (manualNow = ms),
    advance: (ms) => void (manualNow += ms),
  };
  const clockFn = options.clock === 'manual' ? clock.now : (options.clock ?? Date.now);
  if (options.clock !== 'manual' && options.clock) clock.now = options.clock;
  const sockets = new Set<BranchSocket>();
  const snapshots = new WeakMap<BranchSocket, BranchSnapshot>();
  const devices = new Map<string, string>();

  const certificate = options.tls ? await ensureSelfSignedCertificate(dataDir, { names: ['localhost', '127.0.0.1', '::1'] }) : null;
  // What a client that pinned the branch's certificate passes to Node's TLS: that certificate as its only CA.
  const trust = certificate ? { ca: [certificate.cert] } : {};
  const build = () =>
    createApp({
      tls: certificate,
      allowedHosts: options.allowedHosts,
      printerAddresses: options.printerAddresses ?? TEST_PRINTER_ADDRESSES,
      dataDir,
      sms: options.sms,
      config: options.config,
      clock: clockFn,
      newId: options.newId,
      printing: options.printing,
      features: options.features,
      appsDir: options.appsDir,
      limits: options.limits,
      demo: options.demo,
      logLevel: testLogLevel(),
    });
  const listen = (server: NetServer, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });

  let app = build();
  const port = await listen(app.httpServer, 0);
  const url = `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`;
  const redirect = certificate ? createHttpsRedirect({ httpsPort: () => port, hostPolicy: { allows: (host) => app.hostPolicy.allows(host) } }) : null;
  const redirectUrl = redirect ? `http://127.0.0.1:${await listen(redirect, 0)}` : null;

  const branch: Branch = {
    url,
    port,
    certificate,
    redirectUrl,
    dataDir,
    ctx: app.ctx,
    app,
    clock,
    async deviceToken(kind) {
      let token = devices.get(kind);
      if (!token) {
        token = branch.enrolDevice(kind, `Test ${kind}`).token;
        devices.set(kind, token);
      }
      return token;
    },
    enrolDevice: (kind, name, printerUrl) => branch.ctx.auth.enrolDevice(kind, name, printerUrl),
    createUser: (username, password, role, name) =>
      insertUser(branch.ctx.db, { username, password, role, name: name ?? username }, { isDemo: branch.ctx.demo, mustChangePassword: false }, branch.ctx.clock()),
    async login(username, password) {
      const res = await branch.http('/api/auth/login', { method: 'POST', body: { username, password } });
      const body = (await res.json()) as { token?: string };
      if (!res.ok || !body.token) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(body)}`);
      return body.token;
    },
    async ratingScreenToken(counterId) {
      const post = async (path: string, body: unknown, token?: string) => {
        const res = await branch.http(path, { method: 'POST', body, ...(token === undefined ? {} : { token }) });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as Record<string, string>;
      };
      const started = await post('/api/devices/pairings', { kind: 'rating' });
      await post('/api/admin/devices/pair', { code: started.code, name: `Rating screen ${counterId}`, counterId }, await branch.userToken('manager'));
      const claimed = await post(`/api/devices/pairings/${started.pairingId}/claim`, { secret: started.secret });
      if (!claimed.token) throw new Error('the rating screen got no token');
      return claimed.token;
    },
    async userToken(role, username) {
      const name = username ?? `${role}-${sockets.size}-${Math.random().toString(36).slice(2, 8)}`;
      await branch.createUser(name, 'secret', role);
      return branch.login(name, 'secret');
    },
    connect(auth, connectOptions = {}) {
      const socket: BranchSocket = io(url, {
        auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
        transports: ['websocket'],
        ...trust,
        reconnection: connectOptions.reconnect ?? false,
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
        forceNew: true,
      });
      sockets.add(socket);
      socket.on('snapshot', (s) => snapshots.set(socket, s));
      return new Promise((resolve, reject) => {
        socket.once('snapshot', () => resolve(socket));
        socket.once('connect_error', (err) => {
          socket.close();
          reject(err);
        });
      });
    },
    connectError(auth) {
      const socket: BranchSocket = io(url, { auth: { protocolVersion: PROTOCOL_VERSION, ...auth }, transports: ['websocket'], ...trust, reconnection: false, forceNew: true });
      return new Promise((resolve, reject) => {
        socket.once('connect', () => {
          socket.close();
          reject(new Error('the handshake was accepted'));
        });
        socket.once('connect_error', (err) => {
          socket.close();
          resolve({ message: err.message, code: (err as Error & { data?: { code?: ErrorCode } }).data?.code });
        });
      });
    },
    snapshotOf(socket) {
      const s = snapshots.get(socket);
      if (!s) throw new Error('this socket has no snapshot yet');
      return s;
    },
    // The typed socket's emit is narrower than AckEmitter's; request() keeps names and payloads typed itself.
    request: (socket, name, payload, timeoutMs) => sharedRequest(socket as unknown as AckEmitter, name, payload, timeoutMs),
    nextEvent(socket, name, where, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const on = socket.on.bind(socket) as unknown as (event: string, fn: (msg: never) => void) => void;
        const off = socket.off.bind(socket) as unknown as (event: string, fn: (msg: never) => void) => void;
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`no ${name} within ${timeoutMs} ms`));
        }, timeoutMs);
        const stop = () => {
          off(name, listener);
          off('batch', inBatch);
        };
        let settled = false;
        const listener = (msg: EventPayload<typeof name>) => {
          if (settled || (where && !where(msg))) return;
          settled = true;
          clearTimeout(timer);
          stop();
          resolve(msg);
        };
        // A staff socket gets the broadcasts of a busy server turn as one `batch`: look inside it too.
        const inBatch = (msg: EventPayload<'batch'>) => {
          for (const m of msg.messages) if (m.event === name) listener(m.payload as EventPayload<typeof name>);
        };
        on(name, listener);
        on('batch', inBatch);
      });
    },
    http(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      if (certificate) return pinnedHttpsFetch(new URL(path, url), { method, headers, body }, certificate.cert);
      return fetch(new URL(path, url), { method, headers, body });
    },
    async restart() {
      await app.close();
      app = build();
      await listen(app.httpServer, port);
      branch.app = app;
      branch.ctx = app.ctx;
    },
    async stop() {
      for (const s of sockets) s.close();
      sockets.clear();
      await app.close();
      await new Promise<void>((resolve) => (redirect ? redirect.close(() => resolve()) : resolve()));
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return branch;
}

/**
 * fetch() for a branch over TLS that trusts only its certificate. Node's fetch takes no CA of its own, so this
 * speaks node:https and answers with a standard Response; redirects are not followed (tests look at them).
 */
function pinnedHttpsFetch(url: URL, init: { method: string; headers: Record<string, string>; body?: string }, ca: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method, headers: init.headers, ca: [ca] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        }
        const status = res.statusCode ?? 500;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The pino level of test servers: silent unless RINDA_TEST_LOG names one (see the header). */
function testLogLevel(): string {
  return process.env.RINDA_TEST_LOG?.trim() || 'silent';
}
