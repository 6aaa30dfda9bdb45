import {
  addDays,
  currentBusinessDay,
  EMPTY_WAIT_HISTORY,
  localHour,
  recordCall,
  recordIssue,
  recordPauseEnd,
  recordRelease,
  recordShift,
  routineMoment,
  type BranchConfig,
  type WaitHistory,
} from '@rinda/shared';
import type { Db } from '../db/database';

/** How far back the wait estimate's history is rebuilt at start: its rings hold far less than this. */
const HISTORY_DAYS = 28;

type Happening =
  | { at: number; order: number; kind: 'release'; counterId: string; serviceId: string; calledAt: number | null }
  | { at: number; order: number; kind: 'call'; counterId: string; legStartedAt: number }
  | { at: number; order: number; kind: 'counter'; counterId: string; type: string }
  | { at: number; order: number; kind: 'priorityIssue'; serviceId: string };

/**
 * Rebuilds the wait estimate's history from the projections, replaying what happened over the last HISTORY_DAYS
 * in time order through the same record* functions applyEvent uses, so a restart learns what the running server
 * had learned. Two differences, both small: a leg's occupancy runs from its first call (a reactivated no-show
 * called again counts from its first call), and samples older than HISTORY_DAYS are not brought back.
 */
export function loadWaitHistory(db: Db, config: BranchConfig, now: number): WaitHistory {
  const fromDay = addDays(currentBusinessDay(config, now), -HISTORY_DAYS);
  const happenings: Happening[] = [];
  const legs = db
    .prepare(
      `SELECT service_id AS serviceId, counter_id AS counterId, started_at AS startedAt, first_called_at AS calledAt, ended_at AS endedAt, outcome
       FROM ticket_legs WHERE business_day >= ? AND counter_id IS NOT NULL ORDER BY rowid`,
    )
    .all(fromDay) as { serviceId: string; counterId: string; startedAt: number; calledAt: number | null; endedAt: number | null; outcome: string | null }[];
  for (const l of legs) {
    if (l.calledAt !== null) happenings.push({ at: l.calledAt, order: 2, kind: 'call', counterId: l.counterId, legStartedAt: l.startedAt });
    if (l.endedAt !== null && (l.outcome === 'done' || l.outcome === 'no_show' || l.outcome === 'transferred'))
      happenings.push({ at: l.endedAt, order: 0, kind: 'release', counterId: l.counterId, serviceId: l.serviceId, calledAt: l.calledAt });
  }
  let from = now;
  for (const e of happenings) from = Math.min(from, e.at);
  for (const e of db.prepare('SELECT counter_id AS counterId, type, at FROM counter_events WHERE at >= ? ORDER BY at, id').all(from) as { counterId: string; type: string; at: number }[])
    happenings.push({ at: e.at, order: 1, kind: 'counter', counterId: e.counterId, type: e.type });
  const issued = db
    .prepare('SELECT service_id AS serviceId, issued_at AS at FROM tickets WHERE business_day >= ? AND priority_reason_id IS NOT NULL')
    .all(fromDay) as { serviceId: string; at: number }[];
  for (const t of issued) happenings.push({ at: t.at, order: 3, kind: 'priorityIssue', serviceId: t.serviceId });
  // At one instant: a release before what follows it (a pause, or the next call after an automatic no-show), a
  // sign-in or resume before a call; the sort is stable, so equal times keep the order legs were written in.
  happenings.sort((a, b) => a.at - b.at || a.order - b.order);

  let h = EMPTY_WAIT_HISTORY;
  const openSince = new Map<string, number>();
  const pausedSince = new Map<string, number>();
  const timeZone = config.branch.timeZone;
  for (const e of happenings) {
    switch (e.kind) {
      case 'release':
        h = recordRelease(h, { counterId: e.counterId, serviceId: e.serviceId, callHour: e.calledAt === null ? 0 : localHour(e.calledAt, timeZone), calledAt: e.calledAt, at: e.at });
        break;
      case 'call':
        h = recordCall(h, { counterId: e.counterId, openSince: openSince.get(e.counterId) ?? 0, legStartedAt: e.legStartedAt, at: e.at });
        break;
      case 'priorityIssue':
        h = recordIssue(h, { serviceId: e.serviceId, priority: true, at: e.at });
        break;
      case 'counter':
        if (e.type === 'signed_in' || e.type === 'signed_out')
          h = recordShift(h, { counterId: e.counterId, kind: e.type === 'signed_in' ? 'signIn' : 'signOut', ...routineMoment(config, e.at) });
        if (e.type === 'paused') pausedSince.set(e.counterId, e.at);
        if (e.type === 'resumed') {
          const since = pausedSince.get(e.counterId);
          if (since !== undefined) h = recordPauseEnd(h, { counterId: e.counterId, ...routineMoment(config, since), pausedSince: since, at: e.at });
        }
        if (e.type === 'signed_in' || e.type === 'resumed') openSince.set(e.counterId, e.at);
        if (e.type !== 'paused') pausedSince.delete(e.counterId);
        break;
    }
  }
  return h;
}
