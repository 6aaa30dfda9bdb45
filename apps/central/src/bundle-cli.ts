// `npm run central:bundle -- publish --file bundle.json [--note "…"] [--region R | --branches a,b] [--force]`,
// `… assign --version N (--region R | --branches a,b) [--force]`, `… status`: a head-office operator's tool
// for configuration bundles, over head office's HTTPS API (docs/OPERATIONS.md, "Configuration from head office").
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { requestJson } from '@rinda/server';
import { BUNDLE_PATHS, BundleCliOptions, BundleStatusReply, PublishBundleReply, AssignBundleReply, messageOf } from '@rinda/shared';

const USAGE = `Usage: npm run central:bundle -- <command> [flags]
  publish --file bundle.json [--note "text"] [--region R | --branches a,b [--force]]   publish (and assign) a bundle
  assign  --version N (--region R | --branches a,b) [--force]                            assign a published bundle
  status                                                                                 each branch's bundle state
Common: --url https://head-office:8444 (or RINDA_CENTRAL_URL), --ca central.crt (or RINDA_CENTRAL_CA);
the administrators' token from RINDA_CENTRAL_ADMIN_TOKEN (never a flag: anyone on the machine can read those).
A bundle file is {"services": [...], "priorityReasons": [...], "priorityPolicy": {...}} (any of them).`;

function refuse(message: string, status: 1 | 2 = 2): never {
  console.error(status === 2 ? `${message}\n\n${USAGE}` : message);
  process.exit(status);
}

function readOptions(): BundleCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        ca: { type: 'string' },
        file: { type: 'string' },
        note: { type: 'string' },
        version: { type: 'string' },
        region: { type: 'string' },
        branches: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    refuse(messageOf(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) refuse('give exactly one command: publish, assign or status');
  const options = BundleCliOptions.safeParse({
    command: positionals[0],
    url: values.url ?? process.env.RINDA_CENTRAL_URL,
    ca: values.ca ?? process.env.RINDA_CENTRAL_CA,
    adminToken: process.env.RINDA_CENTRAL_ADMIN_TOKEN,
    file: values.file,
    note: values.note,
    version: values.version,
    region: values.region,
    branches: values.branches,
    force: values.force,
  });
  if (!options.success) refuse(z.prettifyError(options.error));
  return options.data;
}

async function main(): Promise<void> {
  const options = readOptions();
  const base = options.url.replace(/\/$/, '');
  const http = { token: options.adminToken, ...(options.ca ? { ca: readFileSync(options.ca, 'utf8') } : {}) };
  /** One call; a refusal from head office is printed as it says it, and exits 1. */
  const call = async <S extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, reply: S): Promise<z.output<S>> => {
    const answer = await requestJson(method, `${base}${path}`, body, http);
    if (answer.status >= 300) refuse(`head office refused (${answer.status}): ${JSON.stringify(answer.body)}`, 1);
    return reply.parse(answer.body);
  };
  const target = options.region !== undefined ? { region: options.region, force: options.force } : options.branches ? { branches: options.branches, force: options.force } : null;

  if (options.command === 'status') {
    const status = await call('GET', BUNDLE_PATHS.status, undefined, BundleStatusReply);
    for (const b of status.branches)
      console.log(
        [b.branchId, b.region, b.state, `assigned ${b.assigned?.version ?? '-'}`, `running ${b.running?.version ?? '-'}`, b.reason ?? '', b.drift.length ? `drift: ${b.drift.join(' ')}` : '']
          .filter(Boolean)
          .join('  '),
      );
    return;
  }
  let version = options.version;
  if (options.command === 'publish') {
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(options.file!, 'utf8'));
    } catch (error) {
      refuse(`cannot read ${options.file}: ${messageOf(error)}`, 1);
    }
    const published = await call('POST', BUNDLE_PATHS.publish, { content, note: options.note ?? '' }, PublishBundleReply);
    console.log(`published bundle ${published.version} (sha256 ${published.hash})`);
    version = published.version;
  }
  if (target && version !== undefined) {
    const assigned = await call('POST', BUNDLE_PATHS.assign.replace(':version', String(version)), target, AssignBundleReply);
    console.log(`assigned bundle ${assigned.version}${options.force ? ' (forced)' : ''} to ${assigned.branches.join(', ')}`);
  }
}

main().catch((error: unknown) => refuse(messageOf(error), 1));
