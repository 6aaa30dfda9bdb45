import type { DomainEvent } from '../domain/events';
import { fail, ok, type Result } from '../result';
import { actingAt } from './guards';
import { counterStatusOf, findCounter } from './queue-state';
import type { Command, QueueState, RuleContext } from './types';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
type Events = Result<DomainEvent[]>;

/**
 * One teller per counter. Signing in again where one already is changes nothing (a reconnecting browser).
 * A teller signed in elsewhere moves: the other counter is signed out in the same decision — unless a
 * customer is still active there, then the move is refused (COUNTER_BUSY) so no ticket is left orphaned.
 */
export function decideSignIn(state: QueueState, cmd: Cmd<'signIn'>, ctx: RuleContext): Events {
  const counter = findCounter(state.config, cmd.counterId);
  if (!counter) return fail('NOT_FOUND', `There is no counter "${cmd.counterId}".`);
  const status = counterStatusOf(state, counter.id);
  if (status.state !== 'closed' && status.tellerId !== null) {
    if (status.tellerId === cmd.tellerId) return ok([]);
    return fail('COUNTER_TAKEN', `${counter.name} is already signed in by another teller (${status.tellerId}).`);
  }
  const events: DomainEvent[] = [];
  const elsewhere = Object.values(state.counters).find((c) => c.counterId !== counter.id && c.state !== 'closed' && c.tellerId === cmd.tellerId);
  if (elsewhere) {
    const name = findCounter(state.config, elsewhere.counterId)?.name ?? elsewhere.counterId;
    if (elsewhere.activeTicketId !== null)
      return fail('COUNTER_BUSY', `You still have a customer at ${name}: finish or transfer it before moving to ${counter.name}.`);
    events.push({ type: 'counter.signedOut', at: ctx.now, counterId: elsewhere.counterId, tellerId: cmd.tellerId });
  }
  events.push({ type: 'counter.signedIn', at: ctx.now, counterId: counter.id, tellerId: cmd.tellerId });
  return ok(events);
}

export function decidePause(state: QueueState, cmd: Cmd<'pause'>, ctx: RuleContext): Events {
  const acting = actingAt(state, cmd.counterId, cmd.tellerId);
  if (!acting.ok) return acting;
  const { counter, status } = acting.data;
  if (!state.config.pauseReasons.some((r) => r.id === cmd.reasonId))
    return fail('BAD_REQUEST', `"${cmd.reasonId}" is not one of the configured pause reasons.`);
  if (status.state === 'paused') return fail('INVALID_STATE', `${counter.name} is already paused.`);
  if (status.activeTicketId !== null)
    return fail('COUNTER_BUSY', `${counter.name} has a customer: finish, transfer or mark no-show before pausing.`);
  return ok([{ type: 'counter.paused', at: ctx.now, counterId: counter.id, tellerId: cmd.tellerId, reasonId: cmd.reasonId }]);
}

export function decideResume(state: QueueState, cmd: Cmd<'resume'>, ctx: RuleContext): Events {
  const acting = actingAt(state, cmd.counterId, cmd.tellerId);
  if (!acting.ok) return acting;
  const { counter, status } = acting.data;
  if (status.state !== 'paused') return fail('INVALID_STATE', `${counter.name} is not paused.`);
  return ok([{ type: 'counter.resumed', at: ctx.now, counterId: counter.id, tellerId: cmd.tellerId }]);
}

/** Refused while a customer is active: the teller finishes, transfers or marks no-show first (nothing implicit). */
export function decideSignOut(state: QueueState, cmd: Cmd<'signOut'>, ctx: RuleContext): Result<DomainEvent[]> {
  const acting = actingAt(state, cmd.counterId, cmd.tellerId);
  if (!acting.ok) return acting;
  const { counter, status } = acting.data;
  if (status.activeTicketId !== null)
    return fail('COUNTER_BUSY', `${counter.name} has a customer: finish, transfer or mark no-show before signing out.`);
  return ok([{ type: 'counter.signedOut', at: ctx.now, counterId: counter.id, tellerId: cmd.tellerId }]);
}
