import type { DomainEvent } from '../domain/events';
import { formatTicketNumber, waitingDayOf, type Ticket, type TicketState } from '../domain/ticket';
import { fail, ok, type Result } from '../result';
import { isEligible, type Eligibility } from './call-order';
import { actingAt, activeTicketIn, readyToCall, type ActingCounter } from './guards';
import { currentBusinessDay, findCounter, findService, newTicket, stateLabel, waitingEligible } from './queue-state';
import { appointmentsAhead, appointmentTicket, isBookedTicket, keepsBookedPlace, nextCallStep, notBeforeSlot } from './appointments/appointment-tickets';
import { APPOINTMENT_NUMBER_BASE, appointmentDisplayNumber, isAppointmentNumber, seriesKey } from './appointments/numbering';
import { mayReactivate } from './reactivation';
import { mayJoinRemotely, recallsOwed } from './remote-join';
import { predictWait } from '../waits/wait-predictor';
import { isServiceOpen, peopleAheadOf } from './selectors';
import type { Command, QueueState, RuleContext } from './types';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
type Events = Result<DomainEvent[]>;

export function decideIssue(state: QueueState, cmd: Cmd<'issue'>, ctx: RuleContext): Events {
  const { config } = state;
  const service = findService(config, cmd.serviceId);
  if (!service) return fail('NOT_FOUND', `There is no service "${cmd.serviceId}".`);
  // A remote ticket first meets the branch's own limits on remote join (which include the opening hours).
  const channel = cmd.channel ?? 'kiosk';
  if (channel === 'remote') {
    const remote = mayJoinRemotely(state, service.id, ctx.now);
    if (!remote.ok) return remote;
  }
  // An appointment is honoured in its own hours (the booking's), whatever the service's walk-in hours say.
  const byAppointment = cmd.appointment !== undefined && service.active;
  if (!byAppointment && !isServiceOpen(config, service.id, ctx.now))
    return fail('SERVICE_CLOSED', `${service.names.en} is not taking tickets now (inactive or outside its opening hours).`);
  if (cmd.priorityReasonId !== null && !service.priorityReasonIds.includes(cmd.priorityReasonId))
    return fail('BAD_REQUEST', `${service.names.en} does not offer the priority reason "${cmd.priorityReasonId}".`);

  const businessDay = currentBusinessDay(config, ctx.now);
  const booked = cmd.appointment !== undefined && keepsBookedPlace(cmd.appointment);
  const number = nextNumber(state, businessDay, service.id, booked);
  // Walk-in numbers end where the appointment series begins (appointments/numbering.ts): past it, a clear
  // refusal, not a number the database's UNIQUE would reject.
  if (!booked && isAppointmentNumber(number))
    return fail('SERVICE_CLOSED', `${service.names.en} has issued ${APPOINTMENT_NUMBER_BASE} tickets today, the most one service can in a day.`);
  const fields = {
    id: ctx.newId(),
    businessDay,
    serviceId: service.id,
    number,
    displayNumber: booked ? appointmentDisplayNumber(config, service.id, number) : formatTicketNumber(service.prefix, number),
    language: cmd.language,
    priorityReasonId: cmd.priorityReasonId,
    issuedAt: ctx.now,
    channel,
  };
  const ticket = cmd.appointment ? appointmentTicket(fields, cmd.appointment) : newTicket(fields);
  const ahead = isBookedTicket(ticket) ? appointmentsAhead(state, ticket) : peopleAheadOf(state, ticket, ctx.now);
  const predicted = ctx.estimateWaits === false ? null : predictWait(state, ticket, ctx.now, ahead);
  const wait = predicted && isBookedTicket(ticket) ? notBeforeSlot(predicted, ticket.appointment.slotStart, ctx.now) : predicted;
  const issued = { ...ticket, peopleAheadAtIssue: ahead, estimatedWaitMin: wait?.typicalMin ?? null, estimatedWaitAtMostMin: wait?.atMostMin ?? null };
  return ok([{ type: 'ticket.issued', at: ctx.now, ticket: issued }]);
}

/**
 * Never the same (day, service, number) twice: above the recorded last number and any ticket still held.
 * A recorded number is already at or above every held ticket of its day and service (applyEvent records each
 * issue, hydration takes the database's maximum), so the tickets are scanned only when the day has no record:
 * after the clock went back to a day whose record was dropped. The database's UNIQUE constraint stays the last guard.
 */
function nextNumber(state: QueueState, businessDay: string, serviceId: string, appointment: boolean): number {
  const base = appointment ? APPOINTMENT_NUMBER_BASE : 0;
  const recorded = state.lastNumbers[seriesKey(businessDay, serviceId, base + 1)];
  if (recorded !== undefined) return recorded + 1;
  let last = base;
  for (const t of state.tickets.values())
    if (t.businessDay === businessDay && t.serviceId === serviceId && isAppointmentNumber(t.number) === appointment) last = Math.max(last, t.number);
  return last + 1;
}

export function decideCallNext(state: QueueState, cmd: Cmd<'callNext'>, ctx: RuleContext): Events {
  const prepared = prepareCall(state, cmd.counterId, cmd.tellerId, ctx);
  if (!prepared.ok) return prepared;
  const { at, before } = prepared.data;
  const eligible = waitingEligible(state, ctx.now, eligibilityOf(at));
  const cycle = { priority: at.status.priorityCallsInCycle, normal: at.status.normalCallsInCycle };
  const next = nextCallStep(state, eligible, state.config.priorityPolicy, cycle, ctx.now);
  if (!next) return fail('QUEUE_EMPTY', `Nobody is waiting for ${at.counter.name}.`);
  return ok([
    ...before,
    { type: 'ticket.called', at: ctx.now, counterId: cmd.counterId, tellerId: cmd.tellerId, ticketId: next.ticket.id, specific: false, cycle: next.cycle },
  ]);
}

export function decideCallTicket(state: QueueState, cmd: Cmd<'callTicket'>, ctx: RuleContext): Events {
  const prepared = prepareCall(state, cmd.counterId, cmd.tellerId, ctx);
  if (!prepared.ok) return prepared;
  const { at, before } = prepared.data;
  const ticket = state.tickets.get(cmd.ticketId);
  if (!ticket) return fail('NOT_FOUND', 'That ticket is not in the queue.');
  if (ticket.state !== 'waiting') return fail('INVALID_STATE', `${ticket.displayNumber} is not waiting: it is ${stateLabel(ticket)}.`);
  if (waitingDayOf(ticket) !== currentBusinessDay(state.config, ctx.now))
    return fail('INVALID_STATE', `${ticket.displayNumber} has waited since an earlier business day (${waitingDayOf(ticket)}).`);
  if (!isEligible(ticket, eligibilityOf(at)))
    return fail('FORBIDDEN', `${ticket.displayNumber} is not in a queue ${at.counter.name} serves.`);
  return ok([
    ...before,
    { type: 'ticket.called', at: ctx.now, counterId: cmd.counterId, tellerId: cmd.tellerId, ticketId: ticket.id, specific: true },
  ]);
}

/**
 * A counter may call when open and free. One exception spares the teller a click: if its customer was called
 * and recalled maxRecalls times without coming (an unconfirmed remote ticket: called once), calling again marks
 * that ticket no-show first.
 */
function prepareCall(state: QueueState, counterId: string, tellerId: string, ctx: RuleContext): Result<{ at: ActingCounter; before: DomainEvent[] }> {
  const acting = actingAt(state, counterId, tellerId);
  if (!acting.ok) return acting;
  const at = acting.data;
  const current = at.status.activeTicketId === null ? undefined : state.tickets.get(at.status.activeTicketId);
  if (current && current.state === 'called' && current.recallCount >= recallsOwed(state.config, current) && at.status.state === 'open') {
    const noShow: DomainEvent = { type: 'ticket.noShow', at: ctx.now, counterId, tellerId, ticketId: current.id };
    return ok({ at: { ...at, status: { ...at.status, activeTicketId: null } }, before: [noShow] });
  }
  const ready = readyToCall(at);
  return ready.ok ? ok({ at, before: [] }) : ready;
}

function eligibilityOf(at: ActingCounter): Eligibility {
  return { counterId: at.counter.id, serviceIds: at.counter.serviceIds };
}

export function decideRecall(state: QueueState, cmd: Cmd<'recall'>, ctx: RuleContext): Events {
  return onActiveTicket(state, cmd, ctx, ['called'], 'recall', (base, t) => ({ type: 'ticket.recalled', ...base, recallCount: t.recallCount + 1 }));
}

export function decideStart(state: QueueState, cmd: Cmd<'start'>, ctx: RuleContext): Events {
  return onActiveTicket(state, cmd, ctx, ['called'], 'start serving', (base) => ({ type: 'ticket.serviceStarted', ...base }));
}

/** Finishing straight from "called" is allowed: counters that do not record a separate start. */
export function decideFinish(state: QueueState, cmd: Cmd<'finish'>, ctx: RuleContext): Events {
  return onActiveTicket(state, cmd, ctx, ['called', 'serving'], 'finish', (base) => ({ type: 'ticket.finished', ...base }));
}

export function decideNoShow(state: QueueState, cmd: Cmd<'noShow'>, ctx: RuleContext): Events {
  return onActiveTicket(state, cmd, ctx, ['called'], 'mark as no-show', (base) => ({ type: 'ticket.noShow', ...base }));
}

type ActiveTicketEventBase = { at: number; counterId: string; tellerId: string; ticketId: string };

/** A command on the counter's own customer: the usual guards, then one event about that ticket. */
function onActiveTicket(
  state: QueueState,
  cmd: { counterId: string; tellerId: string },
  ctx: RuleContext,
  allowed: readonly TicketState[],
  action: string,
  event: (base: ActiveTicketEventBase, ticket: Ticket) => DomainEvent,
): Events {
  const acting = actingAt(state, cmd.counterId, cmd.tellerId);
  if (!acting.ok) return acting;
  const ticket = activeTicketIn(state, acting.data, allowed, action);
  if (!ticket.ok) return ticket;
  return ok([event({ at: ctx.now, counterId: cmd.counterId, tellerId: cmd.tellerId, ticketId: ticket.data.id }, ticket.data)]);
}

/** A recent no-show goes back to waiting at the front of its queue (its service, or the counter it was sent to). */
export function decideReactivate(state: QueueState, cmd: Cmd<'reactivate'>, ctx: RuleContext): Events {
  const acting = actingAt(state, cmd.counterId, cmd.tellerId);
  if (!acting.ok) return acting;
  const ticket = state.tickets.get(cmd.ticketId);
  if (!ticket) return fail('NOT_FOUND', 'That ticket is not among the recent no-shows (it may have expired).');
  const allowed = mayReactivate(state.config, ticket, acting.data.counter, ctx.now);
  if (!allowed.ok) return allowed;
  const ownQueue = queueOf(state, ticket);
  return ok([
    { type: 'ticket.reactivated', at: ctx.now, counterId: cmd.counterId, tellerId: cmd.tellerId, ticketId: ticket.id, queueKey: frontKey(state, ownQueue, ctx.now) },
  ]);
}

/**
 * Ends the current leg of the counter's customer and starts a new one, same id and number, waiting in the target:
 * front = before every waiting ticket of the target queue, back = behind all of them (now), arrival = original
 * issue time. A ticket sent to a counter keeps its leg service when that counter serves it, else takes the
 * counter's first service; only that counter may call it.
 */
export function decideTransfer(state: QueueState, cmd: Cmd<'transfer'>, ctx: RuleContext): Events {
  const acting = actingAt(state, cmd.counterId, cmd.tellerId);
  if (!acting.ok) return acting;
  const ticket = activeTicketIn(state, acting.data, ['called', 'serving'], 'transfer');
  if (!ticket.ok) return ticket;
  const t = ticket.data;

  let toServiceId: string;
  let toCounterId: string | null = null;
  let target: Eligibility;
  if (cmd.target.kind === 'service') {
    const service = findService(state.config, cmd.target.serviceId);
    if (!service) return fail('NOT_FOUND', `There is no service "${cmd.target.serviceId}".`);
    if (!service.active) return fail('SERVICE_CLOSED', `${service.names.en} is not active.`);
    toServiceId = service.id;
    target = { counterId: null, serviceIds: [service.id] };
  } else {
    const counter = findCounter(state.config, cmd.target.counterId);
    if (!counter) return fail('NOT_FOUND', `There is no counter "${cmd.target.counterId}".`);
    toCounterId = counter.id;
    toServiceId = counter.serviceIds.includes(t.legServiceId) ? t.legServiceId : (counter.serviceIds[0] ?? t.legServiceId);
    target = { counterId: counter.id, serviceIds: counter.serviceIds };
  }
  const queueKey =
    cmd.position === 'front' ? frontKey(state, target, ctx.now) : cmd.position === 'back' ? backKey(state, target, ctx.now) : t.issuedAt;
  return ok([
    {
      type: 'ticket.transferred',
      at: ctx.now,
      ticketId: t.id,
      counterId: cmd.counterId,
      tellerId: cmd.tellerId,
      toServiceId,
      toCounterId,
      position: cmd.position,
      queueKey,
    },
  ]);
}

/** "I'm here" from a remote ticket's phone: while it waits or is called, once (a second time changes nothing). */
export function decideConfirm(state: QueueState, cmd: Cmd<'confirm'>, ctx: RuleContext): Events {
  const ticket = state.tickets.get(cmd.ticketId);
  if (!ticket) return fail('NOT_FOUND', 'That ticket is not in the queue.');
  if (ticket.channel !== 'remote') return fail('INVALID_STATE', `${ticket.displayNumber} was taken at the branch: there is nothing to confirm.`);
  if (ticket.state !== 'waiting' && ticket.state !== 'called')
    return fail('INVALID_STATE', `${ticket.displayNumber} is ${stateLabel(ticket)}: there is nothing to confirm.`);
  if (ticket.confirmedAt !== null) return fail('INVALID_STATE', `${ticket.displayNumber} is already confirmed.`);
  return ok([{ type: 'ticket.confirmed', at: ctx.now, ticketId: ticket.id }]);
}

export function decideCancel(state: QueueState, cmd: Cmd<'cancel'>, ctx: RuleContext): Events {
  const ticket = state.tickets.get(cmd.ticketId);
  if (!ticket) return fail('NOT_FOUND', 'That ticket is not in the queue.');
  if (ticket.state !== 'waiting') return fail('INVALID_STATE', `Only a waiting ticket can be cancelled; ${ticket.displayNumber} is ${stateLabel(ticket)}.`);
  return ok([{ type: 'ticket.cancelled', at: ctx.now, ticketId: ticket.id, byUserId: cmd.byUserId }]);
}

/** The queue a waiting ticket is in: its leg service, or the counter it was sent to. */
export function queueOf(state: QueueState, ticket: Ticket): Eligibility {
  if (ticket.targetCounterId === null) return { counterId: null, serviceIds: [ticket.legServiceId] };
  return { counterId: ticket.targetCounterId, serviceIds: findCounter(state.config, ticket.targetCounterId)?.serviceIds ?? [] };
}

function frontKey(state: QueueState, queue: Eligibility, now: number): number {
  const keys = waitingEligible(state, now, queue).map((t) => t.queueKey);
  return Math.min(now, ...keys) - 1;
}

function backKey(state: QueueState, queue: Eligibility, now: number): number {
  const keys = waitingEligible(state, now, queue).map((t) => t.queueKey);
  return Math.max(now, ...keys.map((k) => k + 1));
}

