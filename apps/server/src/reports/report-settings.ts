import type { BranchConfig } from '@rinda/shared';

/** The parts of the branch configuration that figures depend on. A roll-up records them (signature). */
export interface ReportSettings {
  timeZone: string;
  dayStart: string;
  /** Each service's own T, in ms. */
  targetsMs: Record<string, number>;
  /** Services each counter serves: teller idle counts only while one of them had someone waiting. */
  counterServices: Record<string, string[]>;
}

export function reportSettings(config: BranchConfig): ReportSettings {
  return {
    timeZone: config.branch.timeZone,
    dayStart: config.branch.dayStart,
    targetsMs: Object.fromEntries(config.services.map((s) => [s.id, Math.round(s.targetWaitMin * 60_000)])),
    counterServices: Object.fromEntries(config.counters.map((c) => [c.id, [...c.serviceIds].sort()])),
  };
}

export function settingsSignature(s: ReportSettings): string {
  const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([s.timeZone, s.dayStart, sorted(s.targetsMs), sorted(s.counterServices)]);
}
