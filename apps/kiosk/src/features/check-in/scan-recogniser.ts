import { statusAddressTicketId } from '@rinda/shared';

/**
 * The kiosk's QR reader is a keyboard to the page (a "keyboard wedge"): it types what the code holds and presses
 * Enter. A scan is told from a person typing by its rhythm and its content, never by the screen it arrives on:
 *
 * - a burst of printable keys, each within SCAN_MAX_GAP_MS of the one before, on average within
 *   SCAN_MAX_MEAN_GAP_MS (a reader types a whole address in well under a second; nobody types 12+ keys that fast),
 * - at least SCAN_MIN_CHARS long (the six-digit arrival code, typed even quickly, is never taken for a scan),
 * - ended by Enter within SCAN_MAX_GAP_MS of its last key.
 *
 * What the burst holds then decides: a ticket status page's address (the phone ticket's QR) is a check-in;
 * anything else is a code this kiosk cannot read. Pure, so each part of the rule is tested without a browser.
 */
export const SCAN_MAX_GAP_MS = 80;
export const SCAN_MAX_MEAN_GAP_MS = 35;
export const SCAN_MIN_CHARS = 12;

export interface Burst {
  text: string;
  startedAt: number;
  lastAt: number;
}

export type Scan = { kind: 'ticket'; code: string } | { kind: 'unreadable' };

/** The key at `at` continues `burst` (rather than starting a new one): a reader's next character, not a person's. */
export function continuesBurst(burst: Burst | null, at: number): burst is Burst {
  return burst !== null && at - burst.lastAt <= SCAN_MAX_GAP_MS;
}

/** A printable key: added to the burst it continues, or the first of a new one. */
export function withKey(burst: Burst | null, key: string, at: number): Burst {
  return continuesBurst(burst, at) ? { ...burst, text: burst.text + key, lastAt: at } : { text: key, startedAt: at, lastAt: at };
}

/** Enter at `at` ends `burst`: a scan (and what it holds), or null when it was a person's typing. */
export function scanEndedBy(burst: Burst | null, at: number): Scan | null {
  if (!continuesBurst(burst, at) || burst.text.length < SCAN_MIN_CHARS) return null;
  const meanGap = (burst.lastAt - burst.startedAt) / (burst.text.length - 1);
  if (meanGap > SCAN_MAX_MEAN_GAP_MS) return null;
  const text = burst.text.trim();
  return statusAddressTicketId(text) === null ? { kind: 'unreadable' } : { kind: 'ticket', code: text };
}
