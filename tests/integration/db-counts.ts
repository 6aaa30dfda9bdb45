import type { Branch } from '../support/start-branch';

const TABLES = ['tickets', 'ticket_events', 'ticket_legs', 'counter_events', 'counters', 'processed_requests'] as const;

/** Row counts of every table a command may write: equal before and after means nothing changed. */
export function rowCounts(branch: Branch): Record<(typeof TABLES)[number], number> {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) counts[table] = (branch.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return counts;
}
