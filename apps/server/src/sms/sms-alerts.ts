import { Router } from 'express';
import {
  ContactStatusRoute,
  EraseContactRoute,
  fail,
  isTurnNear,
  ok,
  SetContactRoute,
  type DomainEvent,
  type QueueState,
  type Ticket,
} from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import type { ServerCore } from '../core';
import { serveRoute } from '../http/typed-route';
import { phoneRequestGuard } from '../security/phone-requests';
import { Contacts } from './contacts';
import type { PhoneCipher } from './phone-cipher';
import type { SmsNotifier } from './sms-notifier';

/** Events after which a visit has ended: its number is erased. */
const VISIT_ENDS: ReadonlySet<DomainEvent['type']> = new Set(['ticket.finished', 'ticket.noShow', 'ticket.cancelled']);

/**
 * SMS when the turn is near and when called, to a number the customer gave on the status page, for that visit
 * only. The number is the one piece of personal data Rinda keeps: encrypted (PhoneCipher), never logged, never
 * in a snapshot, and erased when the visit ends (finished, no-show, cancelled, or left from an earlier day at a
 * restart): the row is deleted with secure_delete on and the WAL truncated, so neither the database file nor its
 * WAL holds it afterwards (tests/integration/sms-alerts.test.ts reads the raw files).
 */
export class SmsAlerts {
  private readonly contacts: Contacts;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly core: ServerCore,
    cipher: PhoneCipher,
    private readonly notifier: SmsNotifier,
  ) {
    this.contacts = new Contacts(core.ctx.db, cipher);
    // A restart finds the numbers of visits that ended meanwhile (or on an earlier day): erased now.
    const live = core.live.state;
    const ended = this.contacts.ticketIds().filter((id) => !isOpen(live.tickets.get(id)));
    if (ended.length > 0) this.erase(ended);
    this.unsubscribe = core.ctx.onCommitted((events, state) => this.afterCommit(events, state));
  }

  close(): void {
    this.unsubscribe();
  }

  routes(): Router {
    const { ctx } = this.core;
    const router = Router();
    const badId = { code: 'NOT_FOUND' as const, message: 'No such ticket' };
    const throttled = phoneRequestGuard(this.core.limits.phoneRequests, ctx.clock);
    const open = (id: string) => isOpen(this.core.live.state.tickets.get(id));

    serveRoute(router, ctx.auth, ContactStatusRoute, ({ params }) => {
      if (!open(params.id)) return fail('NOT_FOUND', 'No such ticket, or its visit has ended');
      return ok({ available: this.notifier.available, given: this.contacts.has(params.id) });
    }, { badParams: badId });

    serveRoute(router, ctx.auth, SetContactRoute, ({ params, body }, req) => {
      const refused = throttled(req);
      if (refused) return refused;
      if (!open(params.id)) return fail('NOT_FOUND', 'No such ticket, or its visit has ended');
      if (!this.notifier.available) return fail('FORBIDDEN', 'This branch sends no SMS');
      this.contacts.save(params.id, body.phone, ctx.clock());
      return ok({ available: true, given: true });
    }, { badParams: badId });

    serveRoute(router, ctx.auth, EraseContactRoute, ({ params }, req) => {
      const refused = throttled(req);
      if (refused) return refused;
      if (!this.contacts.has(params.id)) return fail('NOT_FOUND', 'This ticket has no number to erase');
      this.erase([params.id]);
      return ok({ ok: true as const });
    }, { badParams: badId });
    return router;
  }

  private afterCommit(events: DomainEvent[], state: QueueState): void {
    const ended: string[] = [];
    for (const event of events) {
      if (event.type === 'ticket.issued' || !('ticketId' in event) || !this.contacts.has(event.ticketId)) continue;
      if (event.type === 'ticket.called') this.send(event.ticketId, 'called', state);
      if (VISIT_ENDS.has(event.type)) ended.push(event.ticketId);
    }
    if (ended.length > 0) this.erase(ended);
    // "Near" for every waiting ticket with a number not told yet: few tickets, a lookup each.
    const now = this.core.ctx.clock();
    for (const id of this.contacts.ticketIds()) {
      const ticket = state.tickets.get(id);
      if (ticket?.state !== 'waiting') continue;
      const standing = { peopleAhead: this.core.rules.peopleAhead(state, id, now), wait: this.core.rules.predictTicketWait(state, id, now) };
      if (isTurnNear(standing, state.config.phoneAlerts) && this.contacts.markNearSent(id)) this.send(id, 'near', state, standing.peopleAhead);
    }
  }

  private send(ticketId: string, kind: 'near' | 'called', state: QueueState, peopleAhead = 0): void {
    const ticket = state.tickets.get(ticketId);
    const phone = this.contacts.phoneOf(ticketId);
    if (!ticket || !phone || !this.notifier.available) return;
    const counter = state.config.counters.find((c) => c.id === ticket.counterId);
    const text = translate(customerMessages.status[ticket.language], `sms.${kind}`, { number: ticket.displayNumber, count: peopleAhead, counter: counter?.number ?? '' });
    this.notifier.send({ kind, ticketId }, phone, text);
  }

  /** Deletes the numbers, then truncates the WAL so no copy of the deleted page stays in it. */
  private erase(ticketIds: string[]): void {
    for (const id of ticketIds) this.contacts.erase(id);
    this.notifier.truncateWal();
  }
}

function isOpen(ticket: Ticket | undefined): boolean {
  return ticket !== undefined && (ticket.state === 'waiting' || ticket.state === 'called' || ticket.state === 'serving');
}
