import type { AppContext } from './app-context';
import { rotateDeviceToken } from './auth/devices';
import { findUserByUsername } from './auth/users';

export const DEMO_USERS = [
  ...[1, 2, 3, 4].map((n) => ({ username: `teller${n}`, password: 'teller', name: `Teller ${n}`, role: 'teller' as const })),
  { username: 'manager', password: 'manager', name: 'Branch Manager', role: 'manager' as const },
];
export const DEMO_PRINTER_URL = 'tcp://127.0.0.1:9100';

/**
 * Seeds the demo branch's users (once) and its kiosk and display (once), and gives both devices fresh
 * tokens on every start so the addresses printed for them work.
 */
export async function seedDemo(ctx: AppContext): Promise<{ kioskToken: string; displayToken: string }> {
  for (const user of DEMO_USERS) if (!findUserByUsername(ctx.db, user.username)) await ctx.auth.createUser(user);
  const tokenFor = (kind: 'kiosk' | 'display', name: string, printerUrl: string | null) => {
    const row = ctx.db.prepare('SELECT id FROM devices WHERE kind = ? AND name = ?').get(kind, name) as { id: string } | undefined;
    return row ? rotateDeviceToken(ctx.db, row.id) : ctx.auth.enrolDevice(kind, name, printerUrl).token;
  };
  return {
    kioskToken: tokenFor('kiosk', 'Demo kiosk', DEMO_PRINTER_URL),
    displayToken: tokenFor('display', 'Demo display', null),
  };
}
