import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waitingTickets } from '../selectors';
import type { Ticket, TicketAppointment } from '../../domain/ticket';
import { Branch } from '../test-kit';
import { appointmentConfig } from './test-kit';

const MIN = 60_000;
const TEN = Date.UTC(2026, 10, 25, 8, 0); // 10:00 in Riga, a loans slot

/** The demo branch with appointments, at `minutes` from 10:00, with c4 (loans, business) signed in. */
function branchAt(minutes: number, change?: Parameters<typeof appointmentConfig>[0]): Branch {
  const branch = new Branch(appointmentConfig(change), TEN + minutes * MIN);
  return branch.signIn('c4');
}

function checkIn(branch: Branch, serviceId: string, appointment: Partial<TicketAppointment> = {}): Ticket {
  const a: TicketAppointment = { bookingId: `b-${branch.now}`, code: 'K7Q2M9XW4D', slotStart: TEN, arrival: 'onTime', ...appointment };
  const [event] = branch.must({ type: 'issue', serviceId, language: 'en', priorityReasonId: null, appointment: a });
  if (event?.type !== 'ticket.issued') throw new Error('not issued');
  return event.ticket;
}

describe('appointment tickets', () => {
  it('cannot step back while they keep their booked place (called by the slot); one queued as a walk-in can', () => {
    const branch = branchAt(-5, (c) => void (c.stepBack = { places: 1 }));
    const booked = checkIn(branch, 'loans');
    const late = checkIn(branch, 'loans', { bookingId: 'b2', arrival: 'walkIn' });
    branch.issue('loans');
    expect(branch.run({ type: 'stepBack', ticketId: booked.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/appointment/) } });
    expect(branch.state.tickets.get(booked.id)?.steppedBackAt).toBeNull();
    expect(branch.run({ type: 'stepBack', ticketId: late.id })).toMatchObject({ ok: true });
  });

  it('are numbered in their own series with the appointment prefix; walk-ins keep theirs', () => {
    const branch = branchAt(-5);
    expect(checkIn(branch, 'loans').displayNumber).toBe('CV001');
    expect(branch.issue('loans').displayNumber).toBe('C001');
    expect(checkIn(branch, 'loans', { bookingId: 'b2' }).displayNumber).toBe('CV002');
    expect(branch.issue('loans').displayNumber).toBe('C002');
  });

  it('queue an arrival past the grace window as a walk-in, in the walk-in series, still marked', () => {
    const branch = branchAt(20);
    const late = checkIn(branch, 'loans', { arrival: 'walkIn' });
    expect(late).toMatchObject({ displayNumber: 'C001', queueKey: branch.now, appointment: { arrival: 'walkIn' } });
  });

  it('are told as ahead only the appointments of their service booked before them, not the walk-ins', () => {
    const branch = branchAt(-20);
    branch.issue('loans');
    branch.issue('loans');
    checkIn(branch, 'loans', { bookingId: 'b1', slotStart: TEN + 30 * MIN });
    expect(checkIn(branch, 'loans', { bookingId: 'b2' }).peopleAheadAtIssue).toBe(0);
    expect(checkIn(branch, 'loans', { bookingId: 'b3', slotStart: TEN + 30 * MIN }).peopleAheadAtIssue).toBe(2);
  });

  it('tell an early arrival a wait of at least the minutes until the slot', () => {
    const branch = branchAt(-25);
    const early = checkIn(branch, 'loans', { arrival: 'early' });
    expect(early.estimatedWaitMin).toBeGreaterThanOrEqual(25);
    expect(early.estimatedWaitAtMostMin).toBeGreaterThanOrEqual(25);
  });

  it('keep the booked place: queued by the slot start, whenever they checked in', () => {
    const branch = branchAt(8);
    expect(checkIn(branch, 'loans', { arrival: 'late' }).queueKey).toBe(TEN);
  });

  it('are called at their slot ahead of walk-ins, but not before it', () => {
    const branch = branchAt(-20);
    checkIn(branch, 'loans', { arrival: 'early' });
    branch.advance(15); // 09:55
    branch.issue('loans');
    expect(branch.callNext('c4')).toBe('C001'); // the appointment waits for its slot
    branch.finish('c4');
    branch.issue('loans');
    branch.advance(5); // 10:00
    expect(branch.callNext('c4')).toBe('CV001');
  });

  it('never go before a walk-in that has waited maxNormalWaitMin', () => {
    const branch = branchAt(-16);
    branch.issue('loans'); // 09:44
    branch.advance(6);
    checkIn(branch, 'loans'); // 09:50
    branch.advance(10); // 10:00: the walk-in has waited 16 minutes
    expect(branch.callNext('c4')).toBe('C001');
    branch.finish('c4');
    expect(branch.callNext('c4')).toBe('CV001');
  });

  it('hold no more counters than the slot capacity while walk-ins wait', () => {
    // accounts: c1 and c3, half kept for walk-ins: one appointment at a time.
    const branch = branchAt(0, (c) => (c.appointments!.services![1]!.walkInSharePercent = 50)).signIn('c1').signIn('c3');
    checkIn(branch, 'accounts', { bookingId: 'b1' });
    checkIn(branch, 'accounts', { bookingId: 'b2' });
    branch.issue('accounts');
    expect(branch.callNext('c1')).toBe('BV001');
    expect(branch.callNext('c3')).toBe('B001'); // the second appointment waits for the share
    branch.finish('c1');
    expect(branch.callNext('c1')).toBe('BV002');
  });

  it('leave the counter’s priority cycle where it was', () => {
    const branch = branchAt(0).signIn('c1');
    const before = branch.state.counters.c1;
    checkIn(branch, 'accounts');
    branch.issue('accounts', 'senior');
    branch.callNext('c1');
    expect(branch.state.counters.c1).toMatchObject({ priorityCallsInCycle: before?.priorityCallsInCycle, normalCallsInCycle: before?.normalCallsInCycle });
  });

  it('are listed for the teller in exactly the order successive calls take them (a free counter, the clock still)', () => {
    const arrival = fc.record({ minute: fc.integer({ min: -40, max: 0 }), booked: fc.boolean(), slot: fc.constantFrom(-30, 0, 30), late: fc.boolean() });
    fc.assert(
      fc.property(fc.array(arrival, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 25 }), (arrivals, later) => {
        const branch = branchAt(-40);
        let n = 0;
        for (const a of [...arrivals].sort((x, y) => x.minute - y.minute)) {
          branch.now = TEN + a.minute * MIN;
          if (a.booked) checkIn(branch, 'loans', { bookingId: `b${n++}`, slotStart: TEN + a.slot * MIN, arrival: a.late ? 'late' : 'onTime' });
          else branch.issue('loans');
        }
        branch.now = TEN + later * MIN;
        const listed = waitingTickets(branch.state, branch.now, 'c4').map((t) => t.displayNumber);
        const called: string[] = [];
        for (let i = 0; i < arrivals.length; i++) {
          const result = branch.run({ type: 'callNext', counterId: 'c4', tellerId: 'teller-c4' });
          if (!result.ok) break;
          const event = result.data.find((e) => e.type === 'ticket.called');
          if (event?.type === 'ticket.called') called.push(branch.state.tickets.get(event.ticketId)!.displayNumber);
          branch.finish('c4');
        }
        // Call next never takes an appointment before its slot; the list shows those last.
        expect(listed.slice(0, called.length)).toEqual(called);
      }),
      { numRuns: 80 },
    );
  });
});
