import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppContext } from './app-context';
import { rotateDeviceToken } from './auth/devices';
import { findUserByUsername } from './auth/users';

export const DEMO_USERS = [
  ...[1, 2, 3, 4].map((n) => ({ username: `teller${n}`, password: 'teller', name: `Teller ${n}`, role: 'teller' as const })),
  { username: 'manager', password: 'manager', name: 'Branch Manager', role: 'manager' as const },
];
export const DEMO_PRINTER_URL = 'tcp://127.0.0.1:9100';

const DemoTokens = z.object({ kioskToken: z.string(), displayToken: z.string() });
type DemoTokens = z.infer<typeof DemoTokens>;

/**
 * Seeds the demo branch's users and its kiosk and display, once. The devices' tokens are kept in the
 * data directory (readable by this user only) so a restart, or `npm run dev` reloading, leaves the open
 * kiosk and display pages signed in; the database itself keeps only their hashes, as for any device.
 */
export async function seedDemo(ctx: AppContext, dataDir: string): Promise<DemoTokens> {
  for (const user of DEMO_USERS) if (!findUserByUsername(ctx.db, user.username)) await ctx.auth.createUser(user);
  const file = join(dataDir, 'demo-devices.json');
  const kept = readTokens(file);
  const works = (token: string | undefined, role: 'kiosk' | 'display') => token !== undefined && ctx.auth.authenticate(token)?.role === role;
  const tokenFor = (kind: 'kiosk' | 'display', name: string, printerUrl: string | null, keptToken: string | undefined) => {
    if (works(keptToken, kind)) return keptToken as string;
    const row = ctx.db.prepare('SELECT id FROM devices WHERE kind = ? AND name = ?').get(kind, name) as { id: string } | undefined;
    return row ? rotateDeviceToken(ctx.db, row.id) : ctx.auth.enrolDevice(kind, name, printerUrl).token;
  };
  const tokens = {
    kioskToken: tokenFor('kiosk', 'Demo kiosk', DEMO_PRINTER_URL, kept?.kioskToken),
    displayToken: tokenFor('display', 'Demo display', null, kept?.displayToken),
  };
  if (tokens.kioskToken !== kept?.kioskToken || tokens.displayToken !== kept?.displayToken)
    writeFileSync(file, JSON.stringify(tokens), { mode: 0o600 });
  return tokens;
}

function readTokens(file: string): DemoTokens | null {
  try {
    const parsed = DemoTokens.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
