import { z } from 'zod';
import type { CommandName } from './commands';

export const Role = z.enum(['kiosk', 'display', 'rating', 'teller', 'manager', 'public']);
export type Role = z.infer<typeof Role>;

/** Who may send what. Checked on every event; `public` is the phone's ticket status page. */
export const COMMAND_ROLES: Record<CommandName, readonly Role[]> = {
  'ticket:issue': ['kiosk'],
  'appointment:checkIn': ['kiosk'],
  'ticket:callNext': ['teller'],
  'ticket:call': ['teller'],
  'ticket:recall': ['teller'],
  'ticket:start': ['teller'],
  'ticket:finish': ['teller'],
  'ticket:noShow': ['teller'],
  'ticket:reactivate': ['teller'],
  'ticket:transfer': ['teller'],
  'ticket:cancel': ['teller', 'manager'],
  'ticket:confirm': ['public'],
  'ticket:checkIn': ['kiosk'],
  'ticket:stepBack': ['public'],
  'counter:signIn': ['teller'],
  'counter:pause': ['teller'],
  'counter:resume': ['teller'],
  'counter:signOut': ['teller', 'manager'],
  'rating:submit': ['rating'],
  'sync:request': ['kiosk', 'display', 'rating', 'teller', 'manager', 'public'],
};
