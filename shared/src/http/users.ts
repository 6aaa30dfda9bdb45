import { z } from 'zod';
import { defineRoute, OkReply } from './route';

/** The roles a person signs in with (devices are enrolled by pairing, not as users). */
export const UserRole = z.enum(['teller', 'manager']);
export type UserRole = z.infer<typeof UserRole>;

export const NewUser = z.strictObject({
  username: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
  password: z.string().min(1).max(200),
  name: z.string().min(1).max(80),
  role: UserRole,
});
export type NewUser = z.infer<typeof NewUser>;

/** A staff account as managers see it: never its password hash. */
export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: UserRole,
  disabled: z.boolean(),
  createdAt: z.number(),
  /** A manager set the password and the user has not changed it yet. */
  passwordChangeRequired: z.boolean(),
  /** Made by --demo: refused while the server runs without it. */
  demo: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

const UserIdParams = z.object({ id: z.string().min(1).max(64) });
const manager = ['manager'] as const;

export const UsersRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/users',
  roles: manager,
  reply: z.object({ users: z.array(UserView) }),
});

export const CreateUserRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/users',
  roles: manager,
  body: NewUser,
  reply: z.object({ user: UserView }),
  status: 201,
});

/** Disabling ends the user's sessions and live connections. */
export const SetUserDisabledRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/users/:id/disabled',
  roles: manager,
  params: UserIdParams,
  body: z.strictObject({ disabled: z.boolean() }),
  reply: z.object({ user: UserView }),
});

/** A new password ends the user's sessions and live connections. */
export const ResetPasswordRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/users/:id/password',
  roles: manager,
  params: UserIdParams,
  body: z.strictObject({ password: NewUser.shape.password }),
  reply: OkReply,
});
