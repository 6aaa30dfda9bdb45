/**
 * A server in its own process for the benchmarks: the real Rinda server (createApp, all features, as
 * `npm start` runs it) or the floor. It runs compiled, with the Node flags of `npm start`, for both
 * (compiled-server-worker.ts). The runner reads its RSS from /proc and asks it for credentials.
 */
import { join } from 'node:path';
import type { RindaApp } from '@rinda/server';
import { LOAD_TEST_LIMITS } from '../support/load-limits';
import { startFloorServer, type FloorServer } from './floor-server';
import { serveWorker } from './worker-rpc';

export interface StartParams {
  kind: 'rinda' | 'floor';
  dataDir: string;
  /** Rinda only: this database file instead of rinda.sqlite in dataDir (a generated history). */
  dbPath?: string;
  /** Rinda only: the branch configuration a new database is seeded with. */
  config?: unknown;
  /** Rinda only: print kiosks' tickets through the server (to each kiosk's printer_url). */
  printing?: boolean;
  /**
   * Rinda only: the server's own default limits. Otherwise the load limits (checked, never met): the
   * benchmarks' clients all come from 127.0.0.1, and one kiosk or teller stands for many.
   */
  defaultLimits?: boolean;
}

export interface CredentialsParams {
  tellers?: number;
  managers?: number;
  kiosks?: number;
  displays?: number;
  kioskPrinterUrl?: string | null;
}

export interface Credentials {
  tellers: string[];
  managers: string[];
  kiosks: string[];
  displays: string[];
}

let rinda: RindaApp | null = null;
let floor: FloorServer | null = null;
let userSeq = 0;

async function users(role: 'teller' | 'manager', n: number): Promise<string[]> {
  const app = rinda!;
  const { createSession } = await import('../../apps/server/src/auth/sessions');
  const { insertUser } = await import('../../apps/server/src/auth/users');
  const made = await Promise.all(
    Array.from({ length: n }, () => {
      const username = `bench-${role}-${process.pid}-${++userSeq}`;
      return insertUser(app.ctx.db, { username, password: `bench-password-${userSeq}`, name: username, role }, { isDemo: false, mustChangePassword: false }, app.ctx.clock());
    }),
  );
  // Sessions are made directly: signing in a hundred tellers from one address would (rightly) be throttled.
  return made.map((u) => createSession(app.ctx.db, u.id, app.ctx.clock()).token);
}

serveWorker({
  async start(params: StartParams) {
    if (params.kind === 'floor') {
      floor = await startFloorServer(join(params.dataDir, 'floor.sqlite'));
      return { port: floor.port, pid: process.pid };
    }
    // Loaded only here: the floor's memory figure must not carry Rinda's modules.
    const [{ createApp, createTicketPrinting }, { BranchConfig }] = await Promise.all([import('@rinda/server'), import('@rinda/shared')]);
    const app = createApp({
      dataDir: params.dataDir,
      dbPath: params.dbPath,
      config: params.config === undefined ? undefined : BranchConfig.parse(params.config),
      logLevel: process.env.RINDA_LOG_LEVEL ?? 'error',
      printing: params.printing ? (ctx) => createTicketPrinting(ctx) : undefined,
      // The benchmark's virtual printer listens on loopback on a port of the system's choosing, as the demo's does.
      printerAddresses: { tcpPorts: [{ from: 1, to: 65535 }], allowLoopback: true },
      limits: params.defaultLimits ? undefined : LOAD_TEST_LIMITS,
    });
    await new Promise<void>((resolve, reject) => {
      app.httpServer.once('error', reject);
      app.httpServer.listen(0, '127.0.0.1', resolve);
    });
    rinda = app;
    const address = app.httpServer.address();
    return { port: typeof address === 'object' && address ? address.port : 0, pid: process.pid };
  },

  async credentials(params: CredentialsParams): Promise<Credentials> {
    if (!rinda) {
      // The floor accepts anyone: the clients still send a token so they are byte for byte the same.
      const fake = (n = 0) => Array.from({ length: n }, (_, i) => `floor-${i}`);
      return { tellers: fake(params.tellers), managers: fake(params.managers), kiosks: fake(params.kiosks), displays: fake(params.displays) };
    }
    const app = rinda;
    const enrol = (kind: 'kiosk' | 'display', n = 0) =>
      Array.from({ length: n }, (_, i) => app.ctx.auth.enrolDevice(kind, `Bench ${kind} ${i + 1}`, kind === 'kiosk' ? (params.kioskPrinterUrl ?? null) : null).token);
    return {
      tellers: await users('teller', params.tellers ?? 0),
      managers: await users('manager', params.managers ?? 0),
      kiosks: enrol('kiosk', params.kiosks),
      displays: enrol('display', params.displays),
    };
  },

  /** Where the resident memory goes (MB), for the memory figure's note. */
  memory() {
    const m = process.memoryUsage();
    const mb = (x: number) => Math.round(x / 2 ** 20);
    return { rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
  },

  async stop() {
    await rinda?.close();
    await floor?.close();
    rinda = null;
    floor = null;
  },
});
