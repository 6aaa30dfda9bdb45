import type { BranchConfig, CallView, CustomerLanguage } from '@rinda/shared';

export interface CallFacts {
  /** The ticket_events row id of the call: unique and stable across restarts. */
  rowId: number;
  ticketId: string;
  displayNumber: string;
  serviceId: string;
  counterId: string;
  at: number;
  recall: boolean;
  language: CustomerLanguage;
}

/** A call as displays, tellers and the status page see it; null for a counter no longer configured. */
export function toCallView(f: CallFacts, config: BranchConfig): CallView | null {
  const counter = config.counters.find((c) => c.id === f.counterId);
  if (!counter) return null;
  return {
    callId: String(f.rowId),
    ticketId: f.ticketId,
    displayNumber: f.displayNumber,
    serviceId: f.serviceId,
    counterId: f.counterId,
    counterNumber: counter.number,
    at: f.at,
    recall: f.recall,
    language: f.language,
  };
}

/** Enough history for the largest display setting (historySize ≤ 30, kept twice over). */
export const RECENT_CALLS_KEPT = 60;
