/**
 * What a hostile client of each role sends: every command its role may send, with a well-formed payload
 * and a fresh requestId each time (so neither validation nor idempotency turns it away before the rate
 * limit does). Used by the flood tests and the "one hostile client" benchmark.
 */
import { COMMAND_ROLES, CommandSchemas, newRequestId, type CommandName, type Role } from '@rinda/shared';

export interface FloodTarget {
  /** A counter the hostile teller or manager acts on: one no bystander uses. */
  counterId: string;
  serviceId: string;
  pauseReasonId: string;
}

/** A well-formed ticket id that no ticket has. */
const NO_SUCH_TICKET = 'hostile-no-such-ticket-0000';
/** A well-formed booking code (a guess: no booking is expected to have it). */
const GUESSED_CODE = 'ZZZZZ-ZZZZZ';

function payloadOf(name: CommandName, target: FloodTarget): Record<string, unknown> {
  const { counterId, serviceId, pauseReasonId } = target;
  switch (name) {
    case 'ticket:issue':
      return { serviceId, language: 'en', priorityReasonId: null };
    case 'appointment:checkIn':
      return { code: GUESSED_CODE, language: 'en' };
    case 'ticket:checkIn':
      return { code: '000000' };
    case 'ticket:call':
    case 'ticket:reactivate':
      return { counterId, ticketId: NO_SUCH_TICKET };
    case 'ticket:transfer':
      return { counterId, target: { kind: 'service', serviceId }, position: 'back' };
    case 'ticket:cancel':
      return { ticketId: NO_SUCH_TICKET };
    case 'rating:submit':
      return { promptId: 'hostile-no-such-prompt', score: 5 };
    case 'counter:pause':
      return { counterId, reasonId: pauseReasonId };
    case 'sync:request':
    case 'ticket:confirm':
    case 'ticket:stepBack':
      // A status page acts on the ticket its handshake named: these carry nothing else.
      return {};
    default:
      return { counterId };
  }
}

/** The commands a role may send, each with a maker of fresh payloads. */
export function floodEvents(role: Role, target: FloodTarget): { name: CommandName; payload: () => Record<string, unknown> }[] {
  return (Object.keys(CommandSchemas) as CommandName[])
    .filter((name) => COMMAND_ROLES[name].includes(role))
    .map((name) => ({ name, payload: () => ({ requestId: newRequestId(), ...payloadOf(name, target) }) }));
}
