import { z } from 'zod';
import { defineRoute } from './route';

/** Who changed what, when, with the value before and after (never a password or its hash). */
export const AuditEntry = z.object({
  id: z.number(),
  at: z.number(),
  userId: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /api/admin/audit?limit&before: newest first; `before` (an entry id) pages back. */
export const AuditRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/audit',
  roles: ['manager'],
  query: z.strictObject({
    limit: z.coerce.number<number | string>().int().min(1).max(500).default(100),
    before: z.coerce.number<number | string>().int().min(1).optional(),
  }),
  reply: z.object({ entries: z.array(AuditEntry) }),
});
