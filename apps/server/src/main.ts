import type { Server } from 'node:net';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { createApp } from './app';
import { startCentralShipping } from './central/central-shipping';
import { countUsers } from './auth/users';
import { countDemoData, DEMO_USERS, markLegacyDemoData, seedDemo } from './demo';
import { restrictUmask } from './files/private-files';
import { NETWORK_FLAGS, NETWORK_USAGE, parseNetworkOptions, type NetworkOptions } from './network-options';
import { createTicketPrinting } from './printing/ticket-printing';
import { parseLimitsEnv, type LimitsOverride } from './security/server-limits';
import type { SmsGatewayOptions } from './sms/http-sms-gateway';
import { parseSmsEnv } from './sms/sms-env';
import { readConfigFile } from './startup/config-file';
import { DEMO_AS_ROOT_WARNING, EnvSwitch, ROOT_REFUSAL, runningAsRoot } from './startup/run-as';
import { certificateFor, describeCertificate } from './tls/certificate-source';
import { createHttpsRedirect } from './tls/https-redirect';
import { messageOf } from '@rinda/shared';

const USAGE = `Usage: rinda-server [--host 0.0.0.0] [--data-dir ./data] [--config branch.json] [--demo] [--allow-root]
  ${NETWORK_USAGE}
Environment: RINDA_HOST, RINDA_DATA_DIR, RINDA_CONFIG, RINDA_ALLOW_ROOT (1/0), RINDA_LOG_LEVEL (info),
RINDA_LIMITS (JSON: rate and connection limits to change, docs/SECURITY.md), RINDA_CENTRAL_* (head office, docs/OPERATIONS.md),
RINDA_SMS_URL and RINDA_SMS_SECRET_FILE (SMS alerts through an HTTP gateway, docs/OPERATIONS.md).
A new branch: npm run setup -- --data-dir DIR --config branch.json --username NAME --name "Full Name" (docs/OPERATIONS.md).`;

const logger = pino({ level: process.env.RINDA_LOG_LEVEL ?? 'info' });

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Every command-line flag; strict: an unknown flag or a missing value is refused. */
const FLAGS = {
  ...NETWORK_FLAGS,
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  demo: { type: 'boolean', default: false },
  'allow-root': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** The environment variables read here (the network ones are network-options.ts's; RINDA_LOG_LEVEL is pino's, above). */
const ServerEnv = z.object({
  RINDA_HOST: z.string().optional(),
  RINDA_DATA_DIR: z.string().optional(),
  RINDA_CONFIG: z.string().optional(),
  RINDA_ALLOW_ROOT: EnvSwitch.optional(),
});

/** The server's options, a flag winning over its environment variable: the one place they are checked. */
const ServerOptions = z.object({
  host: z.string().min(1, '--host (RINDA_HOST) must not be empty'),
  dataDir: z.string().min(1, '--data-dir (RINDA_DATA_DIR) must not be empty'),
  configPath: z.string().min(1, '--config (RINDA_CONFIG) must not be empty').optional(),
  demo: z.boolean(),
  allowRoot: z.boolean(),
  help: z.boolean(),
});
type ServerOptions = z.infer<typeof ServerOptions> & { network: NetworkOptions; limits: LimitsOverride; sms: SmsGatewayOptions | null };

function readOptions(): ServerOptions {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
  try {
    values = parseArgs({ options: FLAGS, strict: true }).values;
  } catch (error) {
    fail(messageOf(error));
  }
  const env = ServerEnv.safeParse(process.env);
  if (!env.success) fail(`Invalid environment:\n${z.prettifyError(env.error)}`);
  const options = ServerOptions.safeParse({
    host: values.host ?? env.data.RINDA_HOST ?? '0.0.0.0',
    dataDir: values['data-dir'] ?? env.data.RINDA_DATA_DIR ?? './data',
    configPath: values.config ?? env.data.RINDA_CONFIG,
    demo: values.demo,
    allowRoot: values['allow-root'] || (env.data.RINDA_ALLOW_ROOT ?? false),
    help: values.help,
  });
  if (!options.success) fail(z.prettifyError(options.error));
  const network = parseNetworkOptions(values, process.env, values.demo);
  if (!network.ok) fail(network.message);
  const limits = parseLimitsEnv(process.env.RINDA_LIMITS);
  if (!limits.ok) fail(limits.message);
  const sms = parseSmsEnv(process.env);
  if (!sms.ok) fail(sms.message);
  return { ...options.data, network: network.options, limits: limits.limits, sms: sms.sms };
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  // The demo (`npm start`) is tried out wherever someone happens to be, often as root in a container: it says
  // so and runs. A real branch (and `npm run setup`) refuses, since its files and its network port are for keeps.
  if (runningAsRoot() && !options.allowRoot) {
    if (!options.demo) fail(ROOT_REFUSAL);
    logger.warn({ event: 'demo_as_root' }, DEMO_AS_ROOT_WARNING);
  }
  restrictUmask();
  const { dataDir, demo, host, network } = options;
  let config;
  if (options.configPath) {
    const read = readConfigFile(options.configPath);
    if (!read.ok) fail(read.message);
    config = read.config;
  }

  const publicHost = config?.branch.publicUrl ? [new URL(config.branch.publicUrl).hostname] : [];
  const certificate = await certificateFor(network.tls, dataDir, publicHost).catch((error: Error) => fail(error.message));
  const app = createApp({
    dataDir,
    config,
    logger,
    demo,
    printing: (ctx) => createTicketPrinting(ctx),
    tls: certificate,
    allowedHosts: network.allowedHosts,
    printerAddresses: network.printerAddresses,
    limits: options.limits,
    sms: options.sms,
  });
  await markLegacyDemoData(app.ctx.db, dataDir);
  const users = countUsers(app.ctx.db);
  if (demo && users.real > 0) {
    await app.close();
    fail(
      `--demo refused: the data directory ${dataDir} holds ${users.real} real (non-demo) user(s). The demo signs in with ` +
        'published passwords, which must never reach a real branch: run the demo on a data directory of its own (--data-dir ./demo-data).',
    );
  }

  let printer: VirtualPrinter | null = null;
  if (demo) {
    // The demo kiosk prints to a virtual printer, so the whole branch works without hardware.
    printer = await startVirtualPrinter({ port: 9100 }).catch((error: Error) => {
      logger.warn({ err: error }, 'virtual printer not started (is port 9100 in use?); the demo kiosk will report its printer offline');
      return null;
    });
  }
  const demoTokens = demo ? await seedDemo(app.ctx, dataDir) : null;
  // Head office, when RINDA_CENTRAL_URL names one: shipped in the background, never awaited by the live path.
  const central = await startCentralShipping(app.ctx, process.env, logger).catch(async (error: Error) => {
    await app.close();
    fail(error.message);
  });
  const actualPort = await listen(app.httpServer, network.port, host);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const base = `${certificate ? 'https' : 'http'}://${shownHost}:${actualPort}`;

  const lines = [`Rinda branch server ${app.ctx.version}: ${app.ctx.config().branch.name}`, `  health:  ${base}/api/health`, `  data:    ${dataDir}`];
  if (certificate) lines.push(...describeCertificate(certificate, Date.now()));
  else lines.push(`  tls:     off${demo ? ' (demo; --tls to turn it on)' : ' (--no-tls: a reverse proxy must terminate TLS in front of this server)'}`);
  let redirect: Server | null = null;
  if (network.redirectPort !== null) {
    redirect = createHttpsRedirect({ httpsPort: () => actualPort, hostPolicy: app.hostPolicy });
    const opened = await listen(redirect, network.redirectPort, host).then(
      (redirectPort) => `http://${shownHost}:${redirectPort}/ redirects to HTTPS`,
      (error: NodeJS.ErrnoException) => {
        logger.warn({ err: error }, 'the plain-HTTP redirect port could not be opened; HTTPS works without it');
        redirect = null;
        return `no redirect: port ${network.redirectPort} could not be opened (${error.code ?? error.message})`;
      },
    );
    lines.push(`  http:    ${opened}`);
  }
  const served = new Set(app.webApps);
  const appLine = (name: string, path: string) => `  ${name.padEnd(8)} ${served.has(name) ? path : `(not built: npm run build:web) ${path}`}`;
  if (demoTokens) {
    // Device tokens go in the URL fragment: it never reaches a server log or a Referer header.
    lines.push(appLine('kiosk', `${base}/kiosk/#token=${demoTokens.kioskToken}`));
    lines.push(appLine('display', `${base}/display/#token=${demoTokens.displayToken}`));
    lines.push(appLine('counter', `${base}/counter/`) + `   sign in: ${DEMO_USERS.filter((u) => u.role === 'teller').map((u) => u.username).join(', ')} / password "teller"`);
    lines.push(appLine('manager', `${base}/manager/`) + `   sign in: manager / password "manager"`);
    if (printer) lines.push(`  printer  ${printer.printerUrl} (virtual; tickets at ${printer.pageUrl})`);
  } else {
    for (const name of ['kiosk', 'counter', 'display', 'manager']) lines.push(appLine(name, `${base}/${name}/`));
    lines.push(...realBranchWarnings(app.ctx.db, dataDir));
  }
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    central?.stop();
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

/** A real branch says at start when it still holds demo data (refused, but better removed) or has no manager yet. */
function realBranchWarnings(db: Parameters<typeof countUsers>[0], dataDir: string): string[] {
  const warnings: string[] = [];
  const demo = countDemoData(db);
  if (demo.users > 0 || demo.devices > 0) {
    logger.warn({ event: 'demo_data_present', users: demo.users, devices: demo.devices }, 'demo accounts and devices are present and refused');
    warnings.push(
      `  WARNING: this data directory holds ${demo.users} demo account(s) and ${demo.devices} demo device(s), made by --demo.`,
      '           They are refused without --demo (DEMO_ACCOUNT). Disable or revoke them in the manager app, or use a fresh data directory.',
    );
  }
  if (countUsers(db).realManagers === 0)
    warnings.push(`  No manager yet: stop the server and run  npm run setup -- --data-dir ${dataDir} --username NAME --name "Full Name"`);
  return warnings;
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
