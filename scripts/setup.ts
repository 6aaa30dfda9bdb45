// `npm run setup -- --data-dir /srv/rinda --config branch.json --username anna --name "Anna Ozola"`: the first
// run of a real branch. Creates the database (private, migrations applied) seeded from the configuration, and
// its first manager; the password comes from standard input or a hidden prompt, never from the command line.
// See docs/OPERATIONS.md.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DisplayName, Username } from '../apps/server/src/auth/users';
import { restrictUmask } from '../apps/server/src/files/private-files';
import { readNewPassword } from '../apps/server/src/setup/read-password';
import { setUpBranch } from '../apps/server/src/setup/set-up-branch';
import { readConfigFile } from '../apps/server/src/startup/config-file';
import { EnvSwitch, ROOT_REFUSAL, runningAsRoot } from '../apps/server/src/startup/run-as';
import { messageOf } from '@rinda/shared';

const USAGE = `Usage: npm run setup -- --data-dir DIR [--config branch.json] --username NAME --name "Full Name" [--allow-root]
The manager's password is read from standard input (its first line) or, at a terminal, from a hidden prompt.
Environment: RINDA_DATA_DIR, RINDA_CONFIG, RINDA_ALLOW_ROOT (1/0).`;

/** Status 2 (with the usage) for a wrong command line; 1 when the command was right but the branch refused it. */
function refuse(message: string, status: 1 | 2 = 2): never {
  console.error(status === 2 ? `Setup refused: ${message}\n\n${USAGE}` : `Setup refused: ${message}`);
  process.exit(status);
}

const SetupOptions = z.object({
  dataDir: z.string({ error: '--data-dir (or RINDA_DATA_DIR) is required' }).min(1, '--data-dir must not be empty'),
  configPath: z.string().min(1, '--config must not be empty').optional(),
  username: z.string({ error: '--username is required' }).pipe(Username),
  name: z.string({ error: '--name (the manager’s full name) is required' }).pipe(DisplayName),
  allowRoot: z.boolean(),
});

async function main(): Promise<void> {
  if (process.argv.some((arg) => arg === '--password' || arg.startsWith('--password=')))
    refuse('the password is never a command-line argument (anyone on the machine can read those): give it on standard input or at the prompt.');
  let values;
  try {
    values = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        'allow-root': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    refuse(messageOf(error));
  }
  if (values.help) return void console.log(USAGE);
  const env = z.object({ RINDA_DATA_DIR: z.string().optional(), RINDA_CONFIG: z.string().optional(), RINDA_ALLOW_ROOT: EnvSwitch.optional() }).safeParse(process.env);
  if (!env.success) refuse(`invalid environment:\n${z.prettifyError(env.error)}`);
  const options = SetupOptions.safeParse({
    dataDir: values['data-dir'] ?? env.data.RINDA_DATA_DIR,
    configPath: values.config ?? env.data.RINDA_CONFIG,
    username: values.username,
    name: values.name,
    allowRoot: values['allow-root'] || (env.data.RINDA_ALLOW_ROOT ?? false),
  });
  if (!options.success) refuse(z.prettifyError(options.error));
  const { dataDir, configPath, username, name } = options.data;
  // The files setup makes belong to whoever runs it: the server's user, never root.
  if (runningAsRoot() && !options.data.allowRoot) refuse(ROOT_REFUSAL);
  restrictUmask();
  let config;
  if (configPath) {
    const read = readConfigFile(configPath);
    if (!read.ok) refuse(read.message);
    config = read.config;
  }

  let password: string;
  try {
    password = await readNewPassword(`Password for ${username} (at least 12 characters; not shown): `);
  } catch (error) {
    refuse(messageOf(error));
  }
  if (password === '') refuse('no password given: type it at the prompt or give it on standard input.');

  const done = await setUpBranch({ dataDir, config, username, name, password, now: Date.now() });
  if (!done.ok) refuse(`${done.error.message} (${done.error.code})`, 1);
  const { manager, branchName, configSeeded } = done.data;
  console.log(
    [
      `Branch "${branchName}" is set up in ${dataDir}${configSeeded ? '' : ' (it already had its configuration: --config was not used)'}.`,
      `First manager: ${manager.username} (${manager.name}).`,
      `Next: start the server   npm run serve -- --data-dir ${dataDir}`,
      '      sign in at          https://<this machine>:8443/manager/ (the server prints its certificate fingerprint at start)',
      '      pair each kiosk and display with the code it shows (manager app → Devices): docs/OPERATIONS.md.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`Setup failed: ${messageOf(error)}`);
  process.exit(1);
});
