import type { Command, CommandName, ParsedCommand, QueueState } from '@rinda/shared';
import type { Principal } from '../auth/principal';

/** Commands that change the queue (everything but sync:request). */
export type QueueCommandName = Exclude<CommandName, 'sync:request'>;

/**
 * Translates a parsed wire command into the rules' command, naming the acting teller.
 * A manager signing a counter out acts for the teller signed in there, so the rules see that teller.
 */
export function toRuleCommand<K extends QueueCommandName>(
  name: K,
  payload: ParsedCommand<K>,
  principal: Principal,
  state: QueueState,
): Command {
  const p = payload as ParsedCommand<QueueCommandName> & Record<string, unknown>;
  const userId = principal.kind === 'user' ? principal.userId : '';
  const counterId = counterOf(p) ?? '';
  const at = { counterId, tellerId: userId };
  switch (name) {
    case 'ticket:issue': {
      const issue = payload as ParsedCommand<'ticket:issue'>;
      return { type: 'issue', serviceId: issue.serviceId, language: issue.language, priorityReasonId: issue.priorityReasonId };
    }
    case 'ticket:callNext':
      return { type: 'callNext', ...at };
    case 'ticket:call':
      return { type: 'callTicket', ticketId: (payload as ParsedCommand<'ticket:call'>).ticketId, ...at };
    case 'ticket:recall':
      return { type: 'recall', ...at };
    case 'ticket:start':
      return { type: 'start', ...at };
    case 'ticket:finish':
      return { type: 'finish', ...at };
    case 'ticket:noShow':
      return { type: 'noShow', ...at };
    case 'ticket:reactivate':
      return { type: 'reactivate', ticketId: (payload as ParsedCommand<'ticket:reactivate'>).ticketId, ...at };
    case 'ticket:transfer': {
      const t = payload as ParsedCommand<'ticket:transfer'>;
      return { type: 'transfer', target: t.target, position: t.position, ...at };
    }
    case 'ticket:cancel':
      return { type: 'cancel', ticketId: (payload as ParsedCommand<'ticket:cancel'>).ticketId, byUserId: userId || null };
    case 'counter:signIn':
      return { type: 'signIn', ...at };
    case 'counter:pause':
      return { type: 'pause', reasonId: (payload as ParsedCommand<'counter:pause'>).reasonId, ...at };
    case 'counter:resume':
      return { type: 'resume', ...at };
    case 'counter:signOut': {
      const holder = state.counters[counterId]?.tellerId;
      return { type: 'signOut', counterId, tellerId: principal.role === 'manager' && holder ? holder : userId };
    }
  }
  throw new Error(`no rule command for ${String(name)}`);
}

/** The counter a command names, or null for commands without one (issue, cancel, sync). */
export function counterOf(payload: unknown): string | null {
  const p = payload as { counterId?: unknown };
  return typeof p.counterId === 'string' ? p.counterId : null;
}
