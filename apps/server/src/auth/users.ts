import { z } from 'zod';
import type { Db } from '../db/database';
import { cachedStatement } from '../db/statement-cache';
import { hashPassword } from './passwords';
import { newRandomId } from './tokens';

export const UserRole = z.enum(['teller', 'manager']);
export type UserRole = z.infer<typeof UserRole>;

export const NewUser = z.strictObject({
  username: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
  password: z.string().min(1).max(200),
  name: z.string().min(1).max(80),
  role: UserRole,
});
export type NewUser = z.infer<typeof NewUser>;

export interface UserRow {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  password_hash: string;
  disabled: number;
  created_at: number;
}

export async function createUser(db: Db, input: NewUser, now: number): Promise<{ id: string; username: string; name: string; role: UserRole }> {
  const user = NewUser.parse(input);
  const passwordHash = await hashPassword(user.password);
  const id = newRandomId();
  db.prepare('INSERT INTO users (id, username, name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)').run(
    id,
    user.username,
    user.name,
    user.role,
    passwordHash,
    now,
  );
  return { id, username: user.username, name: user.name, role: user.role };
}

export function findUserByUsername(db: Db, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

/** One user's display name: counter views and refusals name the teller; a command must not read every user. */
export function userName(db: Db, userId: string): string | null {
  const row = cachedStatement(db, 'SELECT name FROM users WHERE id = ?').get(userId) as { name: string } | undefined;
  return row?.name ?? null;
}

export function userNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
