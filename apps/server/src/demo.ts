import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppContext } from './app-context';
import type { Db } from './db/database';
import { enrolDevice, rotateDeviceToken } from './auth/devices';
import { verifyPassword } from './auth/passwords';
import { hashToken } from './auth/tokens';
import { findUserByUsername, insertUser } from './auth/users';

/** Published passwords: exempt from the password policy only because these accounts are marked demo. */
export const DEMO_USERS = [
  ...[1, 2, 3, 4].map((n) => ({ username: `teller${n}`, password: 'teller', name: `Teller ${n}`, role: 'teller' as const })),
  { username: 'manager', password: 'manager', name: 'Branch Manager', role: 'manager' as const },
];
export const DEMO_PRINTER_URL = 'tcp://127.0.0.1:9100';
const DEMO_DEVICES_FILE = 'demo-devices.json';

const DemoTokens = z.object({ kioskToken: z.string(), displayToken: z.string() });
type DemoTokens = z.infer<typeof DemoTokens>;

/**
 * Seeds the demo branch's users and its kiosk and display, once, all marked demo: a server started
 * without --demo refuses them. The devices' tokens are kept in the data directory (readable by this user
 * only) so a restart, or `npm run dev` reloading, leaves the open kiosk and display pages signed in; the
 * database itself keeps only their hashes, as for any device.
 */
export async function seedDemo(ctx: AppContext, dataDir: string): Promise<DemoTokens> {
  const demo = { isDemo: true, mustChangePassword: false };
  for (const user of DEMO_USERS) if (!findUserByUsername(ctx.db, user.username)) await insertUser(ctx.db, user, demo, ctx.clock());
  const file = join(dataDir, DEMO_DEVICES_FILE);
  const kept = readTokens(file);
  const works = (token: string | undefined, role: 'kiosk' | 'display') => token !== undefined && ctx.auth.authenticate(token)?.role === role;
  const tokenFor = (kind: 'kiosk' | 'display', name: string, printerUrl: string | null, keptToken: string | undefined) => {
    if (works(keptToken, kind)) return keptToken as string;
    const row = ctx.db.prepare('SELECT id FROM devices WHERE kind = ? AND name = ? AND is_demo = 1').get(kind, name) as { id: string } | undefined;
    return row ? rotateDeviceToken(ctx.db, row.id) : enrolDevice(ctx.db, { kind, name, printerUrl, isDemo: true }, ctx.clock()).token;
  };
  const tokens = {
    kioskToken: tokenFor('kiosk', 'Demo kiosk', DEMO_PRINTER_URL, kept?.kioskToken),
    displayToken: tokenFor('display', 'Demo display', null, kept?.displayToken),
  };
  if (tokens.kioskToken !== kept?.kioskToken || tokens.displayToken !== kept?.displayToken) {
    writeFileSync(file, JSON.stringify(tokens), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return tokens;
}

/**
 * Databases seeded by --demo before demo data was marked (migration 072): an account with a demo user
 * name whose password is still the published one, and the devices whose tokens --demo kept in
 * demo-devices.json, are demo data. Marking them means a real branch refuses them. Returns how many.
 */
export async function markLegacyDemoData(db: Db, dataDir: string): Promise<number> {
  let marked = 0;
  for (const demoUser of DEMO_USERS) {
    const user = findUserByUsername(db, demoUser.username);
    if (user && !user.is_demo && (await verifyPassword(user.password_hash, demoUser.password)))
      marked += db.prepare('UPDATE users SET is_demo = 1 WHERE id = ?').run(user.id).changes;
  }
  const kept = readTokens(join(dataDir, DEMO_DEVICES_FILE));
  for (const token of kept ? [kept.kioskToken, kept.displayToken] : [])
    marked += db.prepare('UPDATE devices SET is_demo = 1 WHERE token_hash = ? AND is_demo = 0').run(hashToken(token)).changes;
  return marked;
}

/** Demo users and devices in this database: a server without --demo warns about them at start. */
export function countDemoData(db: Db): { users: number; devices: number } {
  return db
    .prepare('SELECT (SELECT COUNT(*) FROM users WHERE is_demo = 1) AS users, (SELECT COUNT(*) FROM devices WHERE is_demo = 1 AND revoked_at IS NULL) AS devices')
    .get() as { users: number; devices: number };
}

function readTokens(file: string): DemoTokens | null {
  try {
    const parsed = DemoTokens.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
