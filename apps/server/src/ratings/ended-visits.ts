import { randomBytes } from 'node:crypto';
import type { CustomerLanguage } from '@rinda/shared';

/** A visit that just ended served at a counter: what its rating screens ask about. */
export interface EndedVisit {
  /** The question's name on the screens: random, so a screen never holds the ticket's id (its status page's credential). */
  promptId: string;
  ticketId: string;
  language: CustomerLanguage;
  endedAt: number;
}

/**
 * The visit each counter just ended served, by counter id, kept in memory only: after a restart the screens are
 * idle, which costs at most one unasked question per counter (counter-rating.ts keeps it current).
 */
export class EndedVisits {
  private readonly byCounter = new Map<string, EndedVisit>();

  /** The counter's visit while it is younger than `timeoutMs`. */
  current(counterId: string, now: number, timeoutMs: number): EndedVisit | null {
    const visit = this.byCounter.get(counterId);
    return visit && now - visit.endedAt < timeoutMs ? visit : null;
  }

  ended(counterId: string, visit: Omit<EndedVisit, 'promptId'>): void {
    this.byCounter.set(counterId, { ...visit, promptId: randomBytes(16).toString('base64url') });
  }

  /** The counter moved on (its next call, or the visit was rated); true when it had a visit. */
  clear(counterId: string): boolean {
    return this.byCounter.delete(counterId);
  }
}
