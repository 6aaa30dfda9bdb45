import type { BranchConfig, CounterConfig } from '../config/branch-config';
import type { Ticket } from '../domain/ticket';
import { NEAR_TARGET_SHARE, type AlertFix, type StaffingAlert } from '../protocol/staffing';
import { counterStatusOf, currentBusinessDay, waitingList } from '../rules/queue-state';
import type { QueueState } from '../rules/types';
import { localClock } from '../time/business-day';
import { serviceLevelWithServers } from './erlang';

/**
 * Live staffing alerts, from the queue as it is and today's forecast: a service whose service level projected
 * for the whole business day falls below its goal, and tickets about to pass the service's T. Each says what
 * would fix it. Bounded work: per service, one pass over its waiting tickets and Erlang A for each remaining
 * hour of the day, for the counters open and up to MAX_EXTRA_COUNTERS more.
 */

/** What the report worker supplies for today: the forecast of the hours left and the day so far. */
export interface LiveStaffingInputs {
  day: string;
  /** Per service: forecast arrivals and mean service time per local hour of the day. */
  forecast: Readonly<Record<string, readonly { hour: number; arrivals: number; meanServiceSec: number }[]>>;
  abandonPerSec: Readonly<Record<string, number>>;
  /** Legs so far today within T, and counted (the reports' service level), when the worker read them. */
  soFar: Readonly<Record<string, { within: number; counted: number }>>;
  /** When `soFar` was read: a ticket that passed T before then is already counted in it. */
  readAt: number;
}

/** Extra counters an alert's fix may ask for at most. */
const MAX_EXTRA_COUNTERS = 5;

export function staffingAlerts(state: QueueState, inputs: LiveStaffingInputs | null, now: number): StaffingAlert[] {
  const { config } = state;
  const waiting = waitingList(state, now);
  const byService = new Map<string, Ticket[]>();
  for (const t of waiting) {
    if (t.targetCounterId !== null) continue;
    const list = byService.get(t.legServiceId) ?? [];
    list.push(t);
    byService.set(t.legServiceId, list);
  }
  const forToday = inputs && inputs.day === currentBusinessDay(config, now) ? inputs : null;
  const busy = busyServices(config, byService, forToday, now);
  const alerts: StaffingAlert[] = [];
  for (const service of config.services) {
    const tickets = (byService.get(service.id) ?? []).sort((a, b) => a.legStartedAt - b.legStartedAt);
    const targetMs = service.targetWaitMin * 60_000;
    const counters = servingCounters(state, service.id, busy);
    const near = tickets.filter((t) => now - t.legStartedAt >= NEAR_TARGET_SHARE * targetMs && now - t.legStartedAt < targetMs);
    const first = near[0];
    if (first) {
      alerts.push({
        id: `nearTarget:${service.id}`, kind: 'nearTarget', serviceId: service.id, tickets: near.length,
        displayNumber: first.displayNumber, passesAt: first.legStartedAt + targetMs,
        fix: counters.free.length > 0 ? { kind: 'callNext', counterIds: counters.free } : openFix(state, service.id, 1),
      });
    }
    if (!forToday) continue;
    const project = (extra: number) => projectDay(service.id, targetMs, tickets, counters.open + extra, forToday, now, config);
    const projected = project(0);
    const goal = service.goalPercent / 100;
    if (projected === null || projected >= goal) continue;
    let extra = 1;
    while (extra < MAX_EXTRA_COUNTERS && (project(extra) ?? 1) < goal) extra++;
    alerts.push({
      id: `serviceLevel:${service.id}`, kind: 'serviceLevel', serviceId: service.id,
      projectedPercent: Math.round(projected * 1000) / 10, goalPercent: service.goalPercent,
      goalOutOfReach: (project(extra) ?? 1) < goal, fix: openFix(state, service.id, extra),
    });
  }
  return alerts;
}

/**
 * The day's service level if the service keeps `servers` counters from now on: the legs counted so far, the
 * tickets waiting now (each reached after those ahead of it are served), and the hours left at their forecast.
 */
function projectDay(serviceId: string, targetMs: number, waiting: readonly Ticket[], servers: number, inputs: LiveStaffingInputs, now: number, config: BranchConfig): number | null {
  const hours = inputs.forecast[serviceId] ?? [];
  const current = localClock(now, config.branch.timeZone);
  const meanSec = hours.find((h) => h.hour === current.hour)?.meanServiceSec ?? hours[0]?.meanServiceSec ?? 300;
  let within = inputs.soFar[serviceId]?.within ?? 0;
  let counted = inputs.soFar[serviceId]?.counted ?? 0;
  // Waiting now, oldest first: the r-th is reached after about r + 1 services spread over the counters.
  const stepMs = servers > 0 ? (meanSec * 1000) / servers : Infinity;
  for (const [rank, t] of waiting.entries()) {
    // Already past T when the worker read the day: the day so far counts it as missed.
    if (inputs.readAt - t.legStartedAt > targetMs) continue;
    counted++;
    if (now + (rank + 1) * stepMs - t.legStartedAt <= targetMs) within++;
  }
  const minutesIntoHour = current.minute + current.second / 60;
  for (const h of hours) {
    if (h.hour < current.hour || h.arrivals <= 0) continue;
    const arrivals = h.hour === current.hour ? h.arrivals * (1 - minutesIntoHour / 60) : h.arrivals;
    const level = serviceLevelWithServers(
      { arrivalsPerSec: h.arrivals / 3600, meanServiceSec: h.meanServiceSec, targetSec: targetMs / 1000, abandonPerSec: inputs.abandonPerSec[serviceId] ?? 0 },
      servers,
    );
    within += arrivals * level;
    counted += arrivals;
  }
  return counted > 0 ? within / counted : null;
}

/** Services with someone waiting or traffic forecast this hour: a shared counter's time is split between them. */
function busyServices(config: BranchConfig, waiting: ReadonlyMap<string, Ticket[]>, inputs: LiveStaffingInputs | null, now: number): Set<string> {
  const hour = localClock(now, config.branch.timeZone).hour;
  return new Set(
    config.services
      .filter((s) => (waiting.get(s.id)?.length ?? 0) > 0 || (inputs?.forecast[s.id]?.find((h) => h.hour === hour)?.arrivals ?? 0) > 0)
      .map((s) => s.id),
  );
}

/** Open counters serving the service (a shared one counted by its share), and those free to call now. */
function servingCounters(state: QueueState, serviceId: string, busy: ReadonlySet<string>): { open: number; free: string[] } {
  let open = 0;
  const free: string[] = [];
  for (const c of state.config.counters) {
    if (!c.serviceIds.includes(serviceId)) continue;
    const status = counterStatusOf(state, c.id);
    if (status.state !== 'open') continue;
    open += 1 / Math.max(1, c.serviceIds.filter((id) => id === serviceId || busy.has(id)).length);
    if (status.activeTicketId === null) free.push(c.id);
  }
  return { open, free };
}

/** Open `count` more counters for the service: the closed or paused ones that serve it, dedicated ones first. */
function openFix(state: QueueState, serviceId: string, count: number): AlertFix {
  const candidates = state.config.counters
    .filter((c: CounterConfig) => c.serviceIds.includes(serviceId) && counterStatusOf(state, c.id).state !== 'open')
    .sort((a, b) => a.serviceIds.length - b.serviceIds.length);
  return { kind: 'openCounters', count, counterIds: candidates.slice(0, count).map((c) => c.id) };
}
