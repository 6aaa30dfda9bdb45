import { NEAR_TARGET_SHARE, type BranchSnapshot, type StaffLanguage } from '@rinda/shared';

export type WaitLevel = 'ok' | 'near' | 'over';

export interface ServiceRow {
  id: string;
  name: string;
  waiting: number;
  longestWaitMs: number | null;
  targetMin: number;
  goalPercent: number;
  level: WaitLevel;
}

/** Near: the longest wait is at or above NEAR_TARGET_SHARE of T, the share at which live alerts warn too. */
export function waitLevel(longestWaitMs: number | null, targetMin: number): WaitLevel {
  if (longestWaitMs === null) return 'ok';
  const t = targetMin * 60_000;
  if (longestWaitMs >= t) return 'over';
  return longestWaitMs >= t * NEAR_TARGET_SHARE ? 'near' : 'ok';
}

export function serviceRows(view: BranchSnapshot, now: number, language: StaffLanguage): ServiceRow[] {
  return view.config.services.map((s) => {
    const q = view.queues.find((x) => x.serviceId === s.id);
    const longestWaitMs = q?.oldestWaitingSince != null ? Math.max(0, now - q.oldestWaitingSince) : null;
    return {
      id: s.id,
      name: s.names[language],
      waiting: q?.waiting ?? 0,
      longestWaitMs,
      targetMin: s.targetWaitMin,
      goalPercent: s.goalPercent,
      level: waitLevel(longestWaitMs, s.targetWaitMin),
    };
  });
}

export interface CounterRow {
  id: string;
  name: string;
  state: 'closed' | 'open' | 'paused';
  pauseReason: string | null;
  teller: string | null;
  ticket: string | null;
  /** How long the current ticket has been at the counter (or the pause has lasted). */
  forMs: number | null;
}

export function counterRows(view: BranchSnapshot, now: number, language: StaffLanguage): CounterRow[] {
  return view.config.counters.map((c) => {
    const status = view.counters.find((x) => x.counterId === c.id);
    const ticket = status?.activeTicketId ? view.tickets.find((t) => t.id === status.activeTicketId) : undefined;
    const reason = view.config.pauseReasons.find((r) => r.id === status?.pauseReasonId);
    const since = ticket?.calledAt ?? (status?.state === 'paused' ? status.since : null);
    return {
      id: c.id,
      name: c.name,
      state: status?.state ?? 'closed',
      pauseReason: reason ? reason.names[language] : null,
      teller: status?.tellerName ?? null,
      ticket: ticket?.displayNumber ?? null,
      forMs: since === null ? null : Math.max(0, now - since),
    };
  });
}
