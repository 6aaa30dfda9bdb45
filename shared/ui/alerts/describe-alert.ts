import type { BranchConfig } from '../../src/config/branch-config';
import type { StaffLanguage } from '../../src/languages';
import type { StaffingAlert } from '../../src/protocol/staffing';
import { localClock } from '../../src/time/business-day';

/** The `alerts.*` translation keys both staff apps (manager, counter) carry, with their placeholders. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface AlertText {
  /** What is wrong. */
  problem: string;
  /** What would fix it. */
  fix: string;
}

/** An alert in the staff member's language: the problem, and what would fix it (which counters, by name). */
export function describeAlert(alert: StaffingAlert, config: BranchConfig, language: StaffLanguage, t: Translate): AlertText {
  const service = config.services.find((s) => s.id === alert.serviceId);
  const name = service?.names[language] ?? alert.serviceId;
  const counters = (ids: readonly string[]) => (ids.length === 0 ? '—' : ids.map((id) => config.counters.find((c) => c.id === id)?.name ?? id).join(', '));
  const fix =
    alert.fix.kind === 'callNext'
      ? t('alerts.fixCall', { service: name, counters: counters(alert.fix.counterIds) })
      : t('alerts.fixOpen', { service: name, count: alert.fix.count, counters: counters(alert.fix.counterIds) });
  if (alert.kind === 'serviceLevel') {
    const problem = t('alerts.serviceLevel', { service: name, projected: alert.projectedPercent, goal: alert.goalPercent });
    return { problem: alert.goalOutOfReach ? `${problem} ${t('alerts.outOfReach')}` : problem, fix };
  }
  const clock = localClock(alert.passesAt, config.branch.timeZone);
  const time = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
  return { problem: t('alerts.nearTarget', { service: name, count: alert.tickets, minutes: service?.targetWaitMin ?? '', number: alert.displayNumber, time }), fix };
}
