import { join } from 'node:path';
import { fail, ok, type BranchConfig, type Result } from '@rinda/shared';
import { weakPasswordRefusal } from '../auth/password-policy';
import { countUsers, insertUser, NewUser, type CreatedUser } from '../auth/users';
import { openDatabase } from '../db/database';
import { markLegacyDemoData } from '../demo';
import { loadStoredConfig, saveConfig } from '../store/config-store';

export interface SetUpInput {
  dataDir: string;
  /** Seeds a new database; a database that has its configuration keeps it (edited in the manager app). */
  config?: BranchConfig;
  username: string;
  name: string;
  password: string;
  now: number;
}

export interface SetUpDone {
  manager: CreatedUser;
  branchName: string;
  /** False when the data directory already had its configuration and `config` was not used. */
  configSeeded: boolean;
}

/**
 * The first run of a real branch (`npm run setup`): creates the database in the data directory (private,
 * migrations applied), seeds its configuration and creates its first manager, whose password they chose
 * themselves (so no change is required at sign-in). Refuses a data directory that already has a manager
 * or holds demo data, and a password that breaks the policy; a refusal writes no user and no configuration.
 */
export async function setUpBranch(input: SetUpInput): Promise<Result<SetUpDone>> {
  const user = NewUser.safeParse({ username: input.username, name: input.name, password: input.password, role: 'manager' });
  if (!user.success) return fail('BAD_REQUEST', user.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const db = openDatabase(join(input.dataDir, 'rinda.sqlite'), { now: input.now });
  try {
    await markLegacyDemoData(db, input.dataDir);
    const users = countUsers(db);
    if (users.demo > 0)
      return fail(
        'CONFLICT',
        `The data directory ${input.dataDir} holds demo data (made by --demo): a real branch starts from a new, empty data directory.`,
      );
    if (users.realManagers > 0)
      return fail(
        'CONFLICT',
        `The data directory ${input.dataDir} already has a manager: setup is for a new branch. Sign in as a manager and add ` +
          'users in the manager app (Users); a manager can reset another manager’s password there.',
      );
    const stored = loadStoredConfig(db);
    if (!stored && !input.config)
      return fail('BAD_REQUEST', 'A new branch needs its configuration: --config branch.json (shared/src/config/demo-branch.json is a complete example).');
    const weak = weakPasswordRefusal(user.data.password, user.data.username);
    if (weak) return weak;
    const config = stored ?? input.config!;
    if (!stored) saveConfig(db, config, input.now);
    const manager = await insertUser(db, user.data, { isDemo: false, mustChangePassword: false }, input.now);
    return ok({ manager, branchName: config.branch.name, configSeeded: !stored });
  } finally {
    db.close();
  }
}
