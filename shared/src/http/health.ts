import { z } from 'zod';
import { defineRoute } from './route';

/** GET /api/health: is the server up, which version, which branch. Public: a probe needs no token. */
export const HealthRoute = defineRoute({
  method: 'GET',
  path: '/api/health',
  roles: 'public',
  reply: z.object({
    ok: z.literal(true),
    version: z.string(),
    protocolVersion: z.number().int(),
    branch: z.object({ id: z.string(), name: z.string() }),
  }),
});
