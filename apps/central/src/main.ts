import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ensureSelfSignedCertificate, loadServerCertificate } from '@rinda/server';
import { CentralServerOptions, messageOf } from '@rinda/shared';
import { startCentral } from './central-server';

const USAGE = `Usage: rinda-central [--database-url postgres://...] [--data-dir ./central-data] [--host 0.0.0.0] [--port 8444]
  [--tls-cert cert.pem --tls-key key.pem | --no-tls] [--demo] [--allow-root]
Without --database-url head office runs on PGlite (embedded PostgreSQL) in --data-dir.
Environment: RINDA_CENTRAL_DATABASE_URL, RINDA_CENTRAL_DATA_DIR, RINDA_CENTRAL_HOST, RINDA_CENTRAL_PORT,
RINDA_CENTRAL_ADMIN_TOKEN (required without --demo), RINDA_ALLOW_ROOT (1).`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const FLAGS = {
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'no-tls': { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  'allow-root': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function readOptions(): CentralServerOptions {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
  try {
    values = parseArgs({ options: FLAGS, strict: true }).values;
  } catch (error) {
    fail(messageOf(error));
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const env = process.env;
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((cert === undefined) !== (key === undefined)) fail('--tls-cert and --tls-key go together');
  const parsed = CentralServerOptions.safeParse({
    databaseUrl: values['database-url'] ?? env.RINDA_CENTRAL_DATABASE_URL,
    dataDir: values['data-dir'] ?? env.RINDA_CENTRAL_DATA_DIR ?? './central-data',
    host: values.host ?? env.RINDA_CENTRAL_HOST ?? (values.demo ? '127.0.0.1' : '0.0.0.0'),
    port: values.port ?? env.RINDA_CENTRAL_PORT ?? 8444,
    tls: values['no-tls'] ? 'off' : cert ? 'provided' : 'self-signed',
    tlsCert: cert,
    tlsKey: key,
    adminToken: env.RINDA_CENTRAL_ADMIN_TOKEN || undefined,
    demo: values.demo,
    allowRoot: values['allow-root'] || env.RINDA_ALLOW_ROOT === '1',
  });
  if (!parsed.success) fail(z.prettifyError(parsed.error));
  return parsed.data;
}

async function main(): Promise<void> {
  const options = readOptions();
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && !options.allowRoot && !options.demo) fail('Head office refuses to run as root: run it as its own user (or RINDA_ALLOW_ROOT=1).');
  if (!options.adminToken && !options.demo) fail('Set RINDA_CENTRAL_ADMIN_TOKEN (24+ random characters): head office administrators sign their requests with it.');
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const tls =
    options.tls === 'off'
      ? null
      : options.tls === 'provided'
        ? loadServerCertificate(options.tlsCert!, options.tlsKey!, false)
        : await ensureSelfSignedCertificate(options.dataDir, { names: ['localhost', '127.0.0.1'] });
  const central = await startCentral({ ...options, adminToken, tls: tls ? { cert: tls.cert, key: tls.key } : null });
  const lines = [
    `Rinda head office on ${central.sql.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${options.dataDir}`}: ready at ${central.url}`,
    `  branches: ${central.url}/api/branches`,
    `  tls:      ${tls ? (options.tls === 'provided' ? 'given certificate' : `self-signed (${options.dataDir}/tls/server.crt: give it to branches as RINDA_CENTRAL_CA)`) : 'off (--no-tls)'}`,
  ];
  if (!options.adminToken) lines.push(`  admin token (demo, new each start): ${adminToken}`);
  console.log(lines.join('\n'));
  const stop = async () => {
    await central.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
