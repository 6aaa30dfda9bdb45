import { demoBranchConfig, type BranchConfig } from '@rinda/shared';

export interface HistorySize {
  /** Tickets in the whole history. */
  tickets: number;
  days: number;
  services: number;
  counters: number;
}

/** 1M: a year of a large branch. 5M: a year of a region's worth of counters in one database. */
export const HISTORY_SIZES: Record<string, HistorySize> = {
  '1M': { tickets: 1_000_000, days: 365, services: 6, counters: 25 },
  '5M': { tickets: 5_000_000, days: 365, services: 12, counters: 120 },
  // The harness's own test: a few days, generated in well under a second.
  tiny: { tickets: 3_000, days: 4, services: 3, counters: 5 },
};

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Services cash, s2, s3 …; counters c1 … cN. Counter i serves service i mod S and, every third
 * counter, the next one too. Counters c1 … c10 all serve cash first, so the live-path benchmark
 * (tellers at c1 … c10 calling cash tickets) runs unchanged on a generated history.
 */
export function historyConfig(size: HistorySize): BranchConfig {
  const template = demoBranchConfig.services[0]!;
  const services = Array.from({ length: size.services }, (_, i) => ({
    ...template,
    id: i === 0 ? 'cash' : `s${i + 1}`,
    prefix: LETTERS[i]!,
    targetWaitMin: [10, 15, 20][i % 3]!,
    goalPercent: [90, 80, 80][i % 3]!,
    openingHours: null,
    priorityReasonIds: [],
  }));
  const counters = Array.from({ length: size.counters }, (_, i) => {
    const main = i < 10 ? 0 : i % size.services;
    const serviceIds = [services[main]!.id];
    if (i % 3 === 2) serviceIds.push(services[(main + 1) % size.services]!.id);
    return { id: `c${i + 1}`, name: `Counter ${i + 1}`, number: i + 1, serviceIds };
  });
  // Small histories have services no counter took above: give each to a counter, so every service is served.
  services.forEach((s, j) => {
    if (!counters.some((c) => c.serviceIds.includes(s.id))) counters[j % counters.length]!.serviceIds.push(s.id);
  });
  return { ...demoBranchConfig, services, counters, priorityReasons: [] };
}
