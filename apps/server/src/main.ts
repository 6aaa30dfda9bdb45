import { readFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { BranchConfig } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { createApp } from './app';
import { DEMO_USERS, seedDemo } from './demo';
import { NETWORK_FLAGS, NETWORK_USAGE, parseNetworkOptions } from './network-options';
import { createTicketPrinting } from './printing/ticket-printing';
import { parseLimitsEnv } from './security/server-limits';
import { certificateFor, describeCertificate } from './tls/certificate-source';
import { createHttpsRedirect } from './tls/https-redirect';

const USAGE = `Usage: rinda-server [--host 0.0.0.0] [--data-dir ./data] [--config branch.json] [--demo]
  ${NETWORK_USAGE}
Environment: RINDA_HOST, RINDA_DATA_DIR, RINDA_CONFIG, RINDA_LOG_LEVEL (info),
RINDA_LIMITS (JSON: rate and connection limits to change, docs/SECURITY.md).`;

const logger = pino({ level: process.env.RINDA_LOG_LEVEL ?? 'info' });

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A configuration file seeds a new database; later edits in the manager app live in the database. */
function readConfigFile(path: string): BranchConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`Cannot read the configuration file ${path}: ${(error as Error).message}`);
  }
  const parsed = BranchConfig.safeParse(json);
  if (!parsed.success) fail(`The configuration file ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...NETWORK_FLAGS,
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const network = parseNetworkOptions(values, process.env, values.demo);
  if (!network.ok) fail(network.message);
  const { port } = network.options;
  const host = values.host ?? process.env.RINDA_HOST ?? '0.0.0.0';
  const dataDir = values['data-dir'] ?? process.env.RINDA_DATA_DIR ?? './data';
  const configPath = values.config ?? process.env.RINDA_CONFIG;
  const config = configPath ? readConfigFile(configPath) : undefined;
  const limits = parseLimitsEnv(process.env.RINDA_LIMITS);
  if (!limits.ok) fail(limits.message);

  let printer: VirtualPrinter | null = null;
  if (values.demo) {
    // The demo kiosk prints to a virtual printer, so the whole branch works without hardware.
    printer = await startVirtualPrinter({ port: 9100 }).catch((error: Error) => {
      logger.warn({ err: error }, 'virtual printer not started (is port 9100 in use?); the demo kiosk will report its printer offline');
      return null;
    });
  }

  const publicHost = config?.branch.publicUrl ? [new URL(config.branch.publicUrl).hostname] : [];
  const certificate = await certificateFor(network.options.tls, dataDir, publicHost).catch((error: Error) => fail(error.message));
  const app = createApp({
    dataDir,
    config,
    logger,
    printing: (ctx) => createTicketPrinting(ctx),
    tls: certificate,
    allowedHosts: network.options.allowedHosts,
    printerAddresses: network.options.printerAddresses,
    limits: limits.limits,
  });
  const demo = values.demo ? await seedDemo(app.ctx, dataDir) : null;
  const actualPort = await listen(app.httpServer, port, host);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const base = `${certificate ? 'https' : 'http'}://${shownHost}:${actualPort}`;

  const lines = [`Rinda branch server ${app.ctx.version}: ${app.ctx.config().branch.name}`, `  health:  ${base}/api/health`, `  data:    ${dataDir}`];
  if (certificate) lines.push(...describeCertificate(certificate, Date.now()));
  else lines.push(`  tls:     off${values.demo ? ' (demo; --tls to turn it on)' : ' (--no-tls: a reverse proxy must terminate TLS in front of this server)'}`);
  let redirect: Server | null = null;
  if (network.options.redirectPort !== null) {
    redirect = createHttpsRedirect({ httpsPort: () => actualPort, hostPolicy: app.hostPolicy });
    const opened = await listen(redirect, network.options.redirectPort, host).then(
      (redirectPort) => `http://${shownHost}:${redirectPort}/ redirects to HTTPS`,
      (error: NodeJS.ErrnoException) => {
        logger.warn({ err: error }, 'the plain-HTTP redirect port could not be opened; HTTPS works without it');
        redirect = null;
        return `no redirect: port ${network.options.redirectPort} could not be opened (${error.code ?? error.message})`;
      },
    );
    lines.push(`  http:    ${opened}`);
  }
  const served = new Set(app.webApps);
  const appLine = (name: string, path: string) => `  ${name.padEnd(8)} ${served.has(name) ? path : `(not built: npm run build:web) ${path}`}`;
  if (demo) {
    // Device tokens go in the URL fragment: it never reaches a server log or a Referer header.
    lines.push(appLine('kiosk', `${base}/kiosk/#token=${demo.kioskToken}`));
    lines.push(appLine('display', `${base}/display/#token=${demo.displayToken}`));
    lines.push(appLine('counter', `${base}/counter/`) + `   sign in: ${DEMO_USERS.filter((u) => u.role === 'teller').map((u) => u.username).join(', ')} / password "teller"`);
    lines.push(appLine('manager', `${base}/manager/`) + `   sign in: manager / password "manager"`);
    if (printer) lines.push(`  printer  ${printer.printerUrl} (virtual; tickets at ${printer.pageUrl})`);
  } else {
    for (const name of ['kiosk', 'counter', 'display', 'manager']) lines.push(appLine(name, `${base}/${name}/`));
  }
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.close();
    redirect?.close();
    await printer?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Handlers answer every failure themselves; anything that escapes is logged, never fatal to the branch.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
