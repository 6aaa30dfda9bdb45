import type { BranchConfig, DomainEvent, Ticket } from '@rinda/shared';
import { addDays, formatTicketNumber } from '@rinda/shared';
import { seededRandom } from '../../../../../tests/support/seeded-random';

/**
 * A reproducible history of a branch over a few business days, as the domain events the server would
 * append: served visits, recalls, no-shows (some reactivated), transfers after service and while
 * waiting, cancellations, priority tickets, tickets left waiting or called at the day's end, tickets
 * issued after midnight that still belong to the previous business day, pauses and teller changes.
 */
export interface GeneratedHistory {
  events: DomainEvent[];
}

const MIN = 60_000;

/** `localAt(date, 'HH:MM')`: the instant of a wall-clock time in the branch's zone. */
export type LocalAt = (date: string, clock: string) => number;

export function generateHistory(config: BranchConfig, days: string[], localAt: LocalAt, seed = 7, ticketsPerDay = 45): GeneratedHistory {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (a: number, b: number) => Math.round(a + rand() * (b - a));
  const events: DomainEvent[] = [];
  const tellers = ['u-anna', 'u-boris', 'u-dace', 'u-edgars', 'u-ieva'];
  let idCounter = 0;
  const newId = () => `t${String(++idCounter).padStart(4, '0')}${Math.floor(rand() * 1e12).toString(36).padStart(12, 'x')}`;

  days.forEach((day, dayIndex) => {
    const next = addDays(day, 1);
    // Counter sessions: c4 changes teller in the afternoon; c2 pauses at lunch.
    const schedule: { counterId: string; tellerId: string; from: number; to: number }[] = [];
    config.counters.forEach((c, i) => {
      const tellerId = tellers[(i + dayIndex) % tellers.length]!;
      if (c.id === 'c4') {
        schedule.push({ counterId: c.id, tellerId, from: localAt(day, '08:00'), to: localAt(day, '13:00') });
        schedule.push({ counterId: c.id, tellerId: tellers[(i + dayIndex + 1) % tellers.length]!, from: localAt(day, '13:10'), to: localAt(day, '18:00') });
      } else schedule.push({ counterId: c.id, tellerId, from: localAt(day, '08:00'), to: localAt(day, '18:00') });
    });
    for (const s of schedule) {
      events.push({ type: 'counter.signedIn', at: s.from, counterId: s.counterId, tellerId: s.tellerId });
      if (s.counterId === 'c2') {
        events.push({ type: 'counter.paused', at: localAt(day, '12:00'), counterId: s.counterId, tellerId: s.tellerId, reasonId: 'break' });
        events.push({ type: 'counter.resumed', at: localAt(day, '12:30'), counterId: s.counterId, tellerId: s.tellerId });
      }
      events.push({ type: 'counter.signedOut', at: s.to, counterId: s.counterId, tellerId: s.tellerId });
    }
    const tellerAt = (counterId: string, at: number) =>
      (schedule.find((s) => s.counterId === counterId && s.from <= at && at < s.to) ?? schedule.find((s) => s.counterId === counterId)!).tellerId;

    const numbers = new Map<string, number>();
    const issueTimes = Array.from({ length: ticketsPerDay }, () => between(localAt(day, '08:00'), localAt(day, '17:45')));
    issueTimes.push(localAt(next, '02:30') + between(0, 20 * MIN), localAt(next, '03:10'));
    issueTimes.sort((a, b) => a - b);

    for (const issuedAt of issueTimes) {
      const service = pick(config.services);
      const number = (numbers.get(service.id) ?? 0) + 1;
      numbers.set(service.id, number);
      const priority = service.priorityReasonIds.length > 0 && rand() < 0.2 ? pick(service.priorityReasonIds) : null;
      const ticket: Ticket = {
        id: newId(), businessDay: day, serviceId: service.id, number, displayNumber: formatTicketNumber(service.prefix, number),
        language: pick(['lv', 'ru', 'en'] as const), priorityReasonId: priority, issuedAt,
        ...toldWait(rand(), between(0, 40) / 2, between(0, 20) / 2), peopleAheadAtIssue: between(0, 8), state: 'waiting', leg: 1,
        legServiceId: service.id, legStartedAt: issuedAt, queueKey: issuedAt, targetCounterId: null, counterId: null,
        tellerId: null, calledAt: null, serviceStartedAt: null, recallCount: 0, endedAt: null, channel: 'kiosk', confirmedAt: null, steppedBackAt: null,
      };
      events.push({ type: 'ticket.issued', at: issuedAt, ticket });
      const late = issuedAt > localAt(next, '00:00');
      const r = rand();
      let t = issuedAt;
      const counterFor = (serviceId: string) => pick(config.counters.filter((c) => c.serviceIds.includes(serviceId))).id;
      const at = (dMin: number, dMax: number) => (t += between(dMin, dMax) + 1000);
      const ticketId = ticket.id;
      const serve = (serviceId: string, walkAndStart: boolean) => {
        const counterId = counterFor(serviceId);
        const tellerId = tellerAt(counterId, t);
        events.push({ type: 'ticket.called', at: at(0, 30 * MIN), counterId, tellerId, ticketId, specific: false });
        if (rand() < 0.2) events.push({ type: 'ticket.recalled', at: at(10_000, 40_000), counterId, tellerId, ticketId, recallCount: 1 });
        if (walkAndStart) events.push({ type: 'ticket.serviceStarted', at: at(5_000, 60_000), counterId, tellerId, ticketId });
        return { counterId, tellerId };
      };
      if (late) {
        // After midnight, before the day starts: left waiting, or cancelled by a manager.
        if (rand() < 0.5) events.push({ type: 'ticket.cancelled', at: at(1 * MIN, 5 * MIN), ticketId, byUserId: 'u-manager' });
        continue;
      }
      if (r < 0.5) {
        const { counterId, tellerId } = serve(service.id, rand() < 0.7);
        events.push({ type: 'ticket.finished', at: at(MIN, 15 * MIN), counterId, tellerId, ticketId });
      } else if (r < 0.62) {
        const counterId = counterFor(service.id);
        const tellerId = tellerAt(counterId, t);
        events.push({ type: 'ticket.called', at: at(0, 25 * MIN), counterId, tellerId, ticketId, specific: rand() < 0.2 });
        events.push({ type: 'ticket.recalled', at: at(20_000, 60_000), counterId, tellerId, ticketId, recallCount: 1 });
        events.push({ type: 'ticket.noShow', at: at(MIN, 2 * MIN), counterId, tellerId, ticketId });
        if (rand() < 0.4) {
          events.push({ type: 'ticket.reactivated', at: at(MIN, 5 * MIN), counterId, tellerId, ticketId, queueKey: t });
          const again = serve(service.id, true);
          events.push({ type: 'ticket.finished', at: at(MIN, 6 * MIN), ...again, ticketId });
        }
      } else if (r < 0.78) {
        const afterService = r < 0.72;
        const target = pick(config.services.filter((s) => s.id !== service.id)).id;
        let from: { counterId: string | null; tellerId: string | null } = { counterId: null, tellerId: null };
        if (afterService) from = serve(service.id, true);
        else {
          const counterId = counterFor(service.id);
          from = { counterId, tellerId: tellerAt(counterId, t) };
        }
        events.push({
          type: 'ticket.transferred', at: at(MIN, 8 * MIN), ticketId, ...from, toServiceId: target, toCounterId: null,
          position: pick(['front', 'back', 'arrival'] as const), queueKey: t,
        });
        const second = serve(target, rand() < 0.5);
        events.push({ type: 'ticket.finished', at: at(MIN, 10 * MIN), ...second, ticketId });
      } else if (r < 0.86) {
        events.push({ type: 'ticket.cancelled', at: at(MIN, 25 * MIN), ticketId, byUserId: null });
      } else if (r < 0.94) {
        // Never called: still waiting when the day ends.
      } else {
        serve(service.id, false);
      }
    }
  });
  // Stable: a ticket's events keep their order, and each ticket's row exists before its later events.
  events.sort((a, b) => a.at - b.at);
  return { events };
}

/**
 * What a ticket was told: mostly a range; sometimes that no counter was open (no number); sometimes a typical
 * wait alone, as tickets issued before "at most" existed were.
 */
function toldWait(roll: number, typicalMin: number, extraMin: number): Pick<Ticket, 'estimatedWaitMin' | 'estimatedWaitAtMostMin'> {
  if (roll < 0.1) return { estimatedWaitMin: null, estimatedWaitAtMostMin: null };
  if (roll < 0.2) return { estimatedWaitMin: typicalMin, estimatedWaitAtMostMin: null };
  return { estimatedWaitMin: typicalMin, estimatedWaitAtMostMin: typicalMin + extraMin };
}
