import { z } from 'zod';

export const HandshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
  token: z.string().min(16).max(200).optional(),
  ticketId: z.string().min(16).max(64).optional(),
});
