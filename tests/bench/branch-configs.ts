import { demoBranchConfig, type BranchConfig } from '@rinda/shared';

/** One always-open service and `counters` counters that all serve it: every call competes for one queue. */
export function singleQueueConfig(counters: number): BranchConfig {
  const service = demoBranchConfig.services[0]!;
  return {
    ...demoBranchConfig,
    services: [{ ...service, id: 'cash', openingHours: null, priorityReasonIds: [] }],
    counters: Array.from({ length: counters }, (_, i) => ({ id: `c${i + 1}`, name: `Counter ${i + 1}`, number: i + 1, serviceIds: ['cash'] })),
    priorityReasons: [],
  };
}

export const BENCH_SERVICE = 'cash';

/** The service ids of manyServicesConfig(_, services), in the order it lists them. */
export function benchServiceIds(services: number): string[] {
  return Array.from({ length: services }, (_, i) => (i === 0 ? BENCH_SERVICE : `s${i + 1}`));
}

/**
 * Like singleQueueConfig, with `services` always-open services (cash, then s2, s3, …) that every counter serves.
 * Walk-in numbers of one service stop below 5000 a day (APPOINTMENT_NUMBER_BASE), and a kiosk issuing flat out
 * passes that within seconds: the issue benchmark spreads its tickets over these services in turn.
 */
export function manyServicesConfig(counters: number, services: number): BranchConfig {
  const base = singleQueueConfig(counters);
  const service = base.services[0]!;
  const ids = benchServiceIds(services);
  // Two letters each (AB, AC, …): a prefix is unique per branch.
  const prefixOf = (i: number) => (i === 0 ? service.prefix : String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
  return {
    ...base,
    services: ids.map((id, i) => ({ ...service, id, prefix: prefixOf(i) })),
    counters: base.counters.map((c) => ({ ...c, serviceIds: ids })),
  };
}
