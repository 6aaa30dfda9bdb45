import type { Role } from '@rinda/shared';

/** socket.io rooms: one per role, one per ticket for its public status page, one per counter for its rating screens. */
export const roleRoom = (role: Role): string => `role:${role}`;
export const ticketRoom = (ticketId: string): string => `ticket:${ticketId}`;
/** A counter's rating screens: they hear only `rating:prompt`, about that counter's visits. */
export const ratingRoom = (counterId: string): string => `rating-screens:${counterId}`;

/** Who receives what (docs/PROTOCOL.md lists the same table). */
export const AUDIENCE = {
  ticketChanges: [roleRoom('teller'), roleRoom('manager')],
  /**
   * The roles that follow counters: a call carries the calling counter's view to them (command-pipeline). The
   * displays keep no tickets, so theirs is a message of its own without the ticket: less than half the bytes of
   * the staff's, written to every display of the hall for every call.
   */
  callDisplays: [roleRoom('display')],
  callStaff: [roleRoom('teller'), roleRoom('manager')],
  queues: [roleRoom('kiosk'), roleRoom('display'), roleRoom('teller'), roleRoom('manager'), roleRoom('public')],
  counters: [roleRoom('display'), roleRoom('teller'), roleRoom('manager')],
  config: [roleRoom('kiosk'), roleRoom('display'), roleRoom('teller'), roleRoom('manager'), roleRoom('public')],
  devices: [roleRoom('manager')],
  /** A kiosk's printer health: tellers see it too, so whoever is nearest brings paper (snapshot: kioskPrinters). */
  kioskPrinters: [roleRoom('manager'), roleRoom('teller')],
} as const;
