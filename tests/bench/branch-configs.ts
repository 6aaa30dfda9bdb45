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
