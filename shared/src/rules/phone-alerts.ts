import type { PhoneAlertSettings } from '../config/branch-config';
import type { WaitRange } from '../domain/wait-range';

/** Where a waiting ticket stands, as its status page is told (GET /api/tickets/:id/status). */
export interface StandingNow {
  peopleAhead: number;
  wait: WaitRange | null;
}

/**
 * Is the turn near enough to tell the customer (phoneAlerts)? N people or fewer ahead, or a typical wait of M
 * minutes or less. A wait of null (no counter open) says nothing about time: only the people ahead count then.
 */
export function isTurnNear(standing: StandingNow, settings: PhoneAlertSettings): boolean {
  return standing.peopleAhead <= settings.peopleLeft || (standing.wait !== null && standing.wait.typicalMin <= settings.minutesLeft);
}

/**
 * Whether the page should alert now: only when the turn becomes near while the page watches (a page opened or
 * reloaded when it already was near does not alert), and once per ticket.
 */
export function nearAlertDue(before: StandingNow | null, now: StandingNow, settings: PhoneAlertSettings, alreadyAlerted: boolean): boolean {
  return !alreadyAlerted && before !== null && !isTurnNear(before, settings) && isTurnNear(now, settings);
}
