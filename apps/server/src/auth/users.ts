import { z } from 'zod';
import { fail, ok, PASSWORD_MAX_LENGTH, type Result } from '@rinda/shared';
import type { Db } from '../db/database';
import { cachedStatement } from '../db/statement-cache';
import { describeIssues } from '../http/http-errors';
import { hashPassword } from './passwords';
import { weakPasswordRefusal } from './password-policy';
import { newRandomId } from './tokens';

export const UserRole = z.enum(['teller', 'manager']);
export type UserRole = z.infer<typeof UserRole>;

export const Username = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');
export const DisplayName = z.string().trim().min(1).max(80);

/** The shape of a new user; the password policy is checked apart (createUser), so its refusal has its own code. */
export const NewUser = z.strictObject({
  username: Username,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  name: DisplayName,
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
  is_demo: number;
  must_change_password: number;
}

export interface CreatedUser {
  id: string;
  username: string;
  name: string;
  role: UserRole;
}

export interface UserMarks {
  /** Made by --demo (or while it runs): refused by a server started without --demo. */
  isDemo: boolean;
  /** Set by someone else (a manager): the user must choose their own at the next sign-in. */
  mustChangePassword: boolean;
}

/**
 * Creates a user whose password meets the policy (WEAK_PASSWORD otherwise) and whose username is free
 * (CONFLICT). Every user a person creates (setup, a manager) comes through here.
 */
export async function createUser(db: Db, input: NewUser, marks: UserMarks, now: number): Promise<Result<CreatedUser>> {
  const parsed = NewUser.safeParse(input);
  if (!parsed.success) return fail('BAD_REQUEST', describeIssues(parsed.error));
  if (findUserByUsername(db, parsed.data.username)) return fail('CONFLICT', 'This username is taken');
  const weak = weakPasswordRefusal(parsed.data.password, parsed.data.username);
  if (weak) return weak;
  return ok(await insertUser(db, parsed.data, marks, now));
}

/**
 * Writes a user without the password policy. Only for the demo's published accounts (marked demo, so a
 * real branch refuses them) and for tests; people's accounts go through createUser.
 */
export async function insertUser(db: Db, input: NewUser, marks: UserMarks, now: number): Promise<CreatedUser> {
  const user = NewUser.parse(input);
  const passwordHash = await hashPassword(user.password);
  const id = newRandomId();
  db.prepare(
    `INSERT INTO users (id, username, name, role, password_hash, disabled, created_at, is_demo, must_change_password)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  ).run(id, user.username, user.name, user.role, passwordHash, now, marks.isDemo ? 1 : 0, marks.mustChangePassword ? 1 : 0);
  return { id, username: user.username, name: user.name, role: user.role };
}

/** A new password hash; `mustChange` when someone else set it. */
export async function setPassword(db: Db, userId: string, password: string, mustChange: boolean): Promise<void> {
  const hash = await hashPassword(password);
  db.prepare('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?').run(hash, mustChange ? 1 : 0, userId);
}

export function findUserByUsername(db: Db, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function findUserById(db: Db, userId: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
}

/** How many users of each kind: the demo and real-branch guards at start read it. */
export function countUsers(db: Db): { real: number; realManagers: number; demo: number } {
  return db
    .prepare(
      `SELECT COALESCE(SUM(is_demo = 0), 0) AS real, COALESCE(SUM(is_demo = 0 AND role = 'manager'), 0) AS realManagers,
              COALESCE(SUM(is_demo = 1), 0) AS demo FROM users`,
    )
    .get() as { real: number; realManagers: number; demo: number };
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
