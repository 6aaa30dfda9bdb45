import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import { BranchConfig, demoBranchConfig, fail, ok } from '@rinda/shared';
import type { AppContext, TypedServer } from './app-context';
import { authRoutes } from './auth/auth-routes';
import { createDeviceHelpers } from './realtime/device-helpers';
import { enrolDevice } from './auth/devices';
import { authenticateToken } from './auth/authenticate';
import { makeRequireRole, principalOf } from './auth/http-auth';
import { newRandomId, newTimeOrderedId } from './auth/tokens';
import { createUser } from './auth/users';
import { CommandPipeline } from './commands/command-pipeline';
import { IdleCheckpoint } from './db/idle-checkpoint';
import { watchDayBoundary } from './commands/day-boundary';
import { pruneProcessedRequests } from './commands/processed-requests';
import type { ServerCore } from './core';
import { EndedVisits } from './ratings/ended-visits';
import { openDatabase } from './db/database';
import type { FeatureModule } from './feature-module';
import { features as defaultFeatures } from './features';
import { describeIssues, sendError } from './http/http-errors';
import { apiRoutes } from './http/api-routes';
import { remoteJoinRoutes } from './remote-join/remote-join-routes';
import { HttpSmsGateway, SmsGatewayOptions, type SmsGateway, type SmsGatewayInput } from './sms/http-sms-gateway';
import { PhoneCipher } from './sms/phone-cipher';
import { SmsAlerts } from './sms/sms-alerts';
import { SmsNotifier } from './sms/sms-notifier';
import { BookingReminders } from './appointments/booking-reminders';
import { phoneCheckInRoutes } from './appointments/phone-check-in-routes';
import { ratingRoutes } from './ratings/rating-routes';
import { listeningOf, loopbackOnlyWarning } from './http/status-origin';
import { DEFAULT_APPS_DIR, staticApps } from './http/static-apps';
import { phoneAppRoutes } from './phone-app/phone-app-routes';
import { noPrinting, type TicketPrinting } from './ports';
import { LiveQueue } from './queue/live-queue';
import { rules } from './queue/rules';
import { AlertBoard } from './realtime/alert-board';
import { Broadcaster } from './realtime/broadcaster';
import { RECENT_CALLS_KEPT } from './store/calls';
import { DevicePresence } from './realtime/presence';
import { AUDIENCE } from './realtime/rooms';
import { SnapshotCache } from './realtime/snapshot-cache';
import { buildSharedSnapshot } from './realtime/snapshot';
import { attachSocketServer, transportGate } from './realtime/socket-server';
import { createHostPolicy, type HostPolicy } from './security/allowed-hosts';
import { httpHostGuard, socketHostCheck } from './security/host-guard';
import { ConnectionGate } from './security/connection-gate';
import { resolveLimits, type LimitsOverride } from './security/server-limits';
import { httpOriginGuard, socketOriginCheck } from './security/origin-guard';
import { parseAllowedOrigins } from './security/origins';
import { securityHeaders } from './security/security-headers';
import { watchSessions } from './security/session-watch';
import { loadStoredConfig, saveConfig } from './store/config-store';
import { EventStore } from './store/event-store';
import { loadQueueState, loadRecentCalls } from './store/hydrate';
import { DEFAULT_PRINTER_ADDRESS_POLICY, type PrinterAddressPolicy } from './printing/printer-address-policy';
import type { ServerCertificate } from './tls/server-certificate';
import { tlsRoutes } from './tls/tls-routes';

export interface AppDeps {
  /** Directory of the branch database (rinda.sqlite inside it); or give dbPath. */
  dataDir?: string;
  dbPath?: string;
  /** Seeds the branch configuration when the database has none (default: the demo branch). */
  config?: BranchConfig;
  clock?: () => number;
  newId?: () => string;
  logger?: Logger;
  /** Level of the default logger (default: RINDA_LOG_LEVEL or info). */
  logLevel?: string;
  /** How kiosks' tickets are printed through the server; default: every kiosk prints itself. */
  printing?: TicketPrinting | ((ctx: AppContext) => TicketPrinting);
  /** Default: the list in features.ts. */
  features?: FeatureModule[];
  /** Where apps/<app>/dist are (default: this repository's apps/). */
  appsDir?: string;
  /** Browser origins allowed besides the server's own (default: RINDA_ALLOWED_ORIGINS, comma-separated, or none). */
  allowedOrigins?: string[];
  /** Serve HTTPS and WSS with this certificate; without it plain HTTP (the demo, or behind a proxy that terminates TLS). */
  tls?: ServerCertificate | null;
  /** Host names the server answers to (AllowedHostsList entries; default ['auto']: the machine's own names). */
  allowedHosts?: readonly string[];
  /** Printer addresses the server may use (default: ports 9100–9109, no loopback). */
  printerAddresses?: PrinterAddressPolicy;
  /** Rate, connection, buffer and cache limits in place of the defaults (security/server-limits.ts, docs/SECURITY.md). */
  limits?: LimitsOverride;
  /** SMS alerts through a gateway (sms/http-sms-gateway.ts); default: none, and the status page offers no SMS. */
  sms?: SmsGatewayInput | SmsGateway | null;
  /** --demo: demo accounts and devices may act, and users and devices made meanwhile are marked demo (default off). */
  demo?: boolean;
}

export interface RindaApp {
  httpServer: HttpServer;
  io: TypedServer;
  ctx: AppContext;
  /** Which web apps are served (built ones only). */
  webApps: string[];
  /** The Host names it answers to (the plain-HTTP redirect checks the same). */
  hostPolicy: HostPolicy;
  /** Stops accepting, closes sockets, features and the database. */
  close(): Promise<void>;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** Request bodies are small JSON: logins, configuration. Anything bigger is refused before parsing. */
const JSON_LIMIT = '64kb';

/** Builds the branch server (HTTP + socket.io + store) without listening: main.ts and tests listen. */
export function createApp(deps: AppDeps): RindaApp {
  const logger = deps.logger ?? pino({ level: deps.logLevel ?? process.env.RINDA_LOG_LEVEL ?? 'info' });
  const clock = deps.clock ?? Date.now;
  const mode = { demo: deps.demo ?? false };
  const newId = deps.newId ?? (() => newTimeOrderedId(clock()));
  const dbPath = deps.dbPath ?? join(deps.dataDir ?? './data', 'rinda.sqlite');
  const db = openDatabase(dbPath, { now: clock() });
  pruneProcessedRequests(db, clock());

  let config = loadStoredConfig(db);
  if (!config) {
    config = BranchConfig.parse(deps.config ?? demoBranchConfig);
    saveConfig(db, config, clock());
  }
  const live = new LiveQueue(loadQueueState(db, config, clock()), loadRecentCalls(db, config, RECENT_CALLS_KEPT), logger);

  const limits = resolveLimits(deps.limits);
  const gate = new ConnectionGate(limits);
  const expressApp = express();
  const tls = deps.tls ?? null;
  const httpServer: HttpServer = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, expressApp) : createServer(expressApp);
  const originPolicy = { allowed: deps.allowedOrigins ?? parseAllowedOrigins(process.env.RINDA_ALLOWED_ORIGINS) };
  const hostPolicy = createHostPolicy({ entries: deps.allowedHosts, publicUrl: () => live.state.config.branch.publicUrl });
  const io: TypedServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: transportGate({ gate }, socketHostCheck(hostPolicy, socketOriginCheck(originPolicy))),
  });
  const broadcaster = new Broadcaster(
    io as never,
    () => rules.queueSummaries(live.state, clock(), true),
    AUDIENCE.queues,
    (error) => logger.error({ err: error }, 'queue:changed broadcast failed'),
    undefined,
    (room) => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0,
  );
  const presence = new DevicePresence();

  const ctx: AppContext = {
    db,
    logger,
    clock,
    newId,
    epoch: newRandomId(),
    version: VERSION,
    printerAddresses: deps.printerAddresses ?? DEFAULT_PRINTER_ADDRESS_POLICY,
    limits,
    demo: mode.demo,
    io,
    broadcaster,
    alerts: new AlertBoard(broadcaster, () => live.state.config),
    config: () => live.state.config,
    setConfig(input, alsoInTransaction) {
      const parsed = BranchConfig.safeParse(input);
      if (!parsed.success) return fail('BAD_REQUEST', describeIssues(parsed.error));
      saveConfig(db, parsed.data, clock(), alsoInTransaction);
      live.setConfig(parsed.data);
      broadcaster.send('config:changed', { config: parsed.data }, AUDIENCE.config);
      broadcaster.queueChanged();
      return ok(parsed.data);
    },
    state: () => live.state,
    onCommitted: (listener) => live.onCommitted(listener),
    auth: {
      requireRole: makeRequireRole(db, clock, mode),
      principalOf,
      authenticate(token) {
        const authenticated = authenticateToken(db, token, clock(), mode);
        return authenticated.ok ? authenticated.data : null;
      },
      createUser: (input, options) => createUser(db, input, { isDemo: mode.demo, mustChangePassword: options.mustChangePassword }, clock()),
      enrolDevice: (kind, name, printerUrl) => enrolDevice(db, { kind, name, printerUrl, isDemo: mode.demo }, clock()),
      endConnections(match, reason) {
        let closed = 0;
        for (const socket of io.of('/').sockets.values()) {
          if (!socket.data.principal || !match(socket.data.principal)) continue;
          socket.emit('session:ended', { reason });
          socket.disconnect(true);
          closed++;
        }
        return closed;
      },
    },
    devices: createDeviceHelpers(db, presence, broadcaster, clock),
  };

  const printing = typeof deps.printing === 'function' ? deps.printing(ctx) : (deps.printing ?? noPrinting);
  const snapshots = new SnapshotCache({ build: (principal) => buildSharedSnapshot(core, principal), seq: () => broadcaster.seq, clock, monotonic: () => performance.now() });
  const core: ServerCore = { ctx, live, store: new EventStore(db), rules, presence, printing, limits, gate, snapshots, endedVisits: new EndedVisits() };
  const checkpoints = new IdleCheckpoint(db, (error) => logger.warn({ err: error }, 'WAL checkpoint failed; the next quiet moment tries again'));
  const pipeline = new CommandPipeline(core, () => checkpoints.committed());
  attachSocketServer(core, pipeline);
  // One notifier and one key for every SMS: the phone's turn alerts and appointment reminders.
  const phoneCipher = PhoneCipher.inDataDir(dirname(dbPath));
  const notifier = new SmsNotifier({ db, clock, logger }, smsGatewayOf(deps.sms));
  const smsAlerts = new SmsAlerts(core, phoneCipher, notifier);
  const reminders = new BookingReminders(ctx, phoneCipher, notifier);
  watchSessions(io, ctx);
  watchDayBoundary(pipeline, ctx);

  expressApp.disable('x-powered-by');
  expressApp.use(securityHeaders({ hsts: tls !== null }), httpHostGuard(hostPolicy), httpOriginGuard(originPolicy));
  expressApp.use(express.json({ limit: JSON_LIMIT }));
  expressApp.use(apiRoutes(core));
  expressApp.use(remoteJoinRoutes(core, pipeline));
  expressApp.use(phoneCheckInRoutes(core, pipeline));
  expressApp.use(smsAlerts.routes());
  expressApp.use(ratingRoutes(core));
  expressApp.use(authRoutes(ctx));
  expressApp.use(tlsRoutes(ctx, tls));
  const features = deps.features ?? defaultFeatures;
  for (const feature of features) {
    const router = express.Router();
    feature.http?.(router, ctx);
    expressApp.use(router);
    feature.socket?.(io, ctx);
  }
  // Before the apps: /t/sw.js would otherwise be taken for a ticket id by the status page's /t/:id.
  expressApp.use(phoneAppRoutes(ctx.auth, deps.appsDir ?? DEFAULT_APPS_DIR));
  const web = staticApps(deps.appsDir);
  expressApp.use(web.router);
  expressApp.use('/api', (_req, res) => sendError(res, 'NOT_FOUND', 'No such route'));
  expressApp.use(httpErrors(logger));

  httpServer.on('listening', () => {
    const warning = loopbackOnlyWarning({ publicUrl: ctx.config().branch.publicUrl, listening: listeningOf(ctx), interfaces: networkInterfaces() });
    if (warning) logger.warn({ event: 'status_address_loopback' }, warning);
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      broadcaster.close();
      smsAlerts.close();
      reminders.close();
      notifier.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        httpServer.closeAllConnections();
      });
      for (const feature of features) {
        try {
          await feature.close?.(ctx);
        } catch (error) {
          logger.error({ err: error, feature: feature.name }, 'feature failed to close');
        }
      }
      checkpoints.stop();
      db.close();
    })();
    return closing;
  };

  return { httpServer, io, ctx, webApps: web.served, hostPolicy, close };
}

/** The SMS gateway the deps name: options for the HTTP adapter (checked), a gateway of the caller's, or none. */
function smsGatewayOf(sms: AppDeps['sms']): SmsGateway | null {
  if (!sms) return null;
  return 'send' in sms ? sms : new HttpSmsGateway(SmsGatewayOptions.parse(sms));
}

/** Body-parser refusals (too large, malformed JSON) become clear 4xx; anything else a logged 500. */
function httpErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const status = (error as { status?: number }).status;
    if (status === 413) return sendError(res, 'BAD_REQUEST', 'Request body too large');
    if (status && status >= 400 && status < 500) return sendError(res, 'BAD_REQUEST', 'Malformed request body');
    logger.error({ err: error }, 'HTTP request failed');
    sendError(res, 'INTERNAL', 'Something went wrong on the server');
  };
}
