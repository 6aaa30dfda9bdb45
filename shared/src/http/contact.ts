import { z } from 'zod';
import { defineRoute, OkReply } from './route';
import { PublicTicketId } from './status';

/** A mobile number in international form (E.164): "+" and 7 to 15 digits. The only personal data Rinda keeps. */
export const PhoneNumber = z.string().regex(/^\+[1-9]\d{6,14}$/, 'an international number: + and 7 to 15 digits');

/** Whether this branch sends SMS at all, and whether this ticket has a number for them. */
export const ContactStatus = z.object({ available: z.boolean(), given: z.boolean() });
export type ContactStatus = z.infer<typeof ContactStatus>;

const params = z.object({ id: PublicTicketId });

/** GET /api/tickets/:id/contact: the status page asks before offering "text me". */
export const ContactStatusRoute = defineRoute({ method: 'GET', path: '/api/tickets/:id/contact', roles: 'public', params, reply: ContactStatus });

/**
 * PUT /api/tickets/:id/contact {phone}: SMS when the turn is near and when called, for this visit only. Stored
 * encrypted; erased when the visit ends (docs/SECURITY.md, "Personal data").
 */
export const SetContactRoute = defineRoute({
  method: 'PUT',
  path: '/api/tickets/:id/contact',
  roles: 'public',
  params,
  body: z.strictObject({ phone: PhoneNumber }),
  reply: ContactStatus,
});

/** DELETE /api/tickets/:id/contact: the customer takes the number back; it is erased at once. */
export const EraseContactRoute = defineRoute({ method: 'DELETE', path: '/api/tickets/:id/contact', roles: 'public', params, reply: OkReply });
