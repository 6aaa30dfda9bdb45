import { businessDayOf, CENTRAL_STALE_AFTER_MS, type BranchStateView, type BranchStatesReply } from '@rinda/shared';
import { rollupsWrittenTo, runReport } from '@rinda/server/replay';
import type { Sql } from '../db/sql';
import type { ReplicaSet } from '../replicas/replica-set';

interface BranchRow {
  id: string;
  name: string;
  region: string;
  token_hash: string | null;
  last_heard_at: number | null;
  complete_until: number | null;
  branch_now: number | null;
  stored_through: number;
  waiting_at_branch: number;
}

/**
 * Every branch as head office last heard it: how long ago, how complete, its queues and counters as its events
 * left them, and today's service level (the branch's summary report for its business day, as of its last batch).
 * A partition is normal: the age of what is shown is part of what is shown.
 */
export async function branchStates(sql: Sql, replicas: ReplicaSet, now: number): Promise<BranchStatesReply> {
  const rows = await sql.query<BranchRow>(
    `SELECT id, name, region, token_hash, last_heard_at, complete_until, branch_now, stored_through, waiting_at_branch
     FROM branches ORDER BY region, id`,
  );
  const branches: BranchStateView[] = [];
  for (const row of rows) branches.push(await stateOf(row, replicas, now));
  return { now, branches };
}

async function stateOf(row: BranchRow, replicas: ReplicaSet, now: number): Promise<BranchStateView> {
  const stale = row.last_heard_at === null || now - row.last_heard_at > CENTRAL_STALE_AFTER_MS;
  const view: BranchStateView = {
    id: row.id,
    name: row.name,
    region: row.region,
    enrolled: row.token_hash !== null,
    lastHeardAt: row.last_heard_at,
    completeUntil: row.complete_until,
    storedThrough: row.stored_through,
    waitingAtBranch: row.waiting_at_branch,
    waitingByService: {},
    countersOpen: 0,
    countersPaused: 0,
    serviceLevelTodayPercent: null,
    stale,
    alerts: [...(stale ? ['not-heard'] : []), ...(row.waiting_at_branch > 0 ? ['catching-up'] : [])],
  };
  if (row.stored_through === 0 || row.branch_now === null) return view;
  const replica = await replicas.current(row.id);
  const state = replica.queueState();
  if (!state) return view;
  for (const t of state.tickets.values()) if (t.state === 'waiting') view.waitingByService[t.legServiceId] = (view.waitingByService[t.legServiceId] ?? 0) + 1;
  for (const c of Object.values(state.counters)) {
    if (c.state === 'open') view.countersOpen++;
    if (c.state === 'paused') view.countersPaused++;
  }
  const config = state.config;
  const branchNow = row.branch_now;
  const today = businessDayOf(branchNow, config.branch.timeZone, config.branch.dayStart);
  const deps = { readDb: replica.db, writeRollups: rollupsWrittenTo(replica.db), config: () => config, now: () => branchNow };
  const total = await runReport(deps, { name: 'summary', from: today, to: today, groupBy: 'day' });
  const level = total.rows[0]?.serviceLevelPercent;
  view.serviceLevelTodayPercent = typeof level === 'number' ? level : null;
  const byService = await runReport(deps, { name: 'summary', from: today, to: today, groupBy: 'service' });
  for (const r of byService.rows)
    if (typeof r.serviceLevelPercent === 'number' && typeof r.goalPercent === 'number' && r.serviceLevelPercent < r.goalPercent) view.alerts.push(`service-level:${String(r.group)}`);
  return view;
}
