import type { CounterView, QueueState, Ticket } from '@rinda/shared';
import type { Principal } from '../auth/principal';
import { userName, userNames } from '../auth/users';
import type { ServerCore } from '../core';
import { ticketFromRow, type TicketRow } from '../store/ticket-rows';
import type { SharedSnapshot } from './snapshot-cache';

/** Tickets a teller or manager needs in view: waiting, active, and no-shows that can still be reactivated. */
const STAFF_TICKET_STATES = new Set<Ticket['state']>(['waiting', 'called', 'serving', 'no_show']);

/** Every configured counter with its live status and the signed-in teller's name. */
export function counterViews(core: ServerCore): CounterView[] {
  const state = core.live.state;
  const names = userNames(core.ctx.db);
  return state.config.counters.map((c) => counterView(core, state, c.id, (id) => names.get(id) ?? null));
}

/** One counter's view; `nameOf` defaults to a one-row lookup (a single counter changed per command). */
export function counterView(
  core: ServerCore,
  state: QueueState,
  counterId: string,
  nameOf: (userId: string) => string | null = (id) => userName(core.ctx.db, id),
): CounterView {
  const status = core.rules.counterStatusOf(state, counterId);
  return { ...status, tellerName: status.tellerId ? nameOf(status.tellerId) : null };
}

/** A ticket from memory, or from the database once it left memory (ended), for the public status page. */
export function findTicket(core: ServerCore, ticketId: string): Ticket | null {
  const live = core.live.state.tickets.get(ticketId);
  if (live) return live;
  const row = core.ctx.db.prepare('SELECT * FROM tickets WHERE id = ?').get(ticketId) as TicketRow | undefined;
  return row ? ticketFromRow(row) : null;
}

/** Tickets last issued first (the rules' table has no order of its own); equal times by number, then id. */
function newestFirst(tickets: Ticket[]): Ticket[] {
  return tickets.sort((a, b) => b.issuedAt - a.issuedAt || b.number - a.number || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The snapshot each role gets on connect, reconnect and sync:request (see BranchSnapshot in shared), but `me` and `serverTime`. */
export function buildSharedSnapshot(core: ServerCore, principal: Principal): SharedSnapshot {
  const { ctx, live, rules } = core;
  const state = live.state;
  const now = ctx.clock();
  const role = principal.role;
  const staff = role === 'teller' || role === 'manager';
  const callsShown = state.config.display.historySize * 2;
  let tickets: Ticket[] = [];
  let recentCalls = live.recentCalls.slice(0, callsShown);
  // Waiting tickets as the rules see them (today's only, in call order): one left over from an earlier
  // business day stays in memory until the first ticket of the new day, but is never called.
  if (staff) tickets = [...rules.waitingTickets(state, now), ...newestFirst(state.tickets.values().filter((t) => t.state !== 'waiting' && STAFF_TICKET_STATES.has(t.state)))];
  if (role === 'kiosk' || role === 'rating') recentCalls = [];
  if (principal.kind === 'public') {
    const ticket = findTicket(core, principal.ticketId);
    tickets = ticket ? [ticket] : [];
    recentCalls = live.recentCalls.filter((c) => c.ticketId === principal.ticketId).slice(0, callsShown);
  }
  return {
    epoch: ctx.epoch,
    seq: ctx.broadcaster.seq,
    role,
    config: state.config,
    queues: rules.queueSummaries(state, now),
    counters: role === 'display' || staff ? counterViews(core) : [],
    tickets,
    recentCalls,
    devices: role === 'manager' ? ctx.devices.list() : role === 'teller' ? ctx.devices.list().filter((d) => d.kind === 'kiosk') : [],
    alerts: ctx.alerts.forRole(role),
  };
}
