import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from './types';
import { Branch, testConfig } from './test-kit';
import { arrivalCode, ticketForCheckIn } from './remote-join';

const at = (counterId: string) => ({ counterId, tellerId: `teller-${counterId}` });
const remote = (serviceId: string, priorityReasonId: string | null = null): Command => ({ type: 'issue', serviceId, language: 'en', priorityReasonId, channel: 'remote' });
const remoteConfig = (change: (r: { serviceIds?: string[]; cutoffMinBeforeClose?: number; maxWaitingPerService?: number }) => void = () => {}) =>
  testConfig((c) => {
    const settings = { serviceIds: ['cash', 'loans'], cutoffMinBeforeClose: 30, maxWaitingPerService: 2 };
    change(settings);
    c.remoteJoin = settings;
  });

/** 2026-11-25 is a Wednesday; Riga is UTC+2, so loans (09:00–18:00 local) closes at 16:00 UTC. */
const wednesdayUtc = (hour: number, minute = 0) => Date.UTC(2026, 10, 25, hour, minute);

describe('remote join: the branch decides what may be taken from outside', () => {
  it('numbers a remote ticket in the same sequence as the kiosk, marked remote and unconfirmed', () => {
    const b = new Branch(remoteConfig());
    const first = b.issue('cash');
    const [event] = b.must(remote('cash'));
    expect(event).toMatchObject({ type: 'ticket.issued', ticket: { displayNumber: 'A002', number: first.number + 1, channel: 'remote', confirmedAt: null } });
    expect(first.channel).toBe('kiosk');
  });

  it('refuses a service the branch does not open to remote join, and changes nothing', () => {
    const b = new Branch(remoteConfig());
    const before = b.state;
    expect(b.run(remote('accounts'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(b.state).toBe(before);
  });

  it('refuses remote join within the cut-off before the service closes, but the kiosk still issues', () => {
    const b = new Branch(remoteConfig(), wednesdayUtc(15, 31));
    expect(b.run(remote('loans'))).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    expect(b.issue('loans').channel).toBe('kiosk');
    b.now = wednesdayUtc(15, 29);
    expect(b.run(remote('loans')).ok).toBe(true);
  });

  it('refuses remote join while the service is closed, as the kiosk would', () => {
    const b = new Branch(remoteConfig(), wednesdayUtc(17));
    expect(b.run(remote('loans'))).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
  });

  it('takes at most the configured number of remote tickets waiting per service; a call frees a place', () => {
    const b = new Branch(remoteConfig()).signIn('c2');
    b.must(remote('cash'));
    b.must(remote('cash'));
    expect(b.run(remote('cash'))).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    // Kiosk tickets are not limited by it, and remote tickets of another service are counted apart.
    b.issue('cash');
    expect(b.run(remote('loans')).ok).toBe(true);
    b.callNext('c2');
    expect(b.run(remote('cash')).ok).toBe(true);
  });

  it('applies the kiosk priority rules to remote tickets', () => {
    const b = new Branch(remoteConfig());
    expect(b.run(remote('cash', 'no-such-reason'))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(b.run(remote('cash', 'senior'))).toMatchObject({ ok: true, data: [{ ticket: { priorityReasonId: 'senior' } }] });
  });
});

describe("remote join: \"I'm here\" and the no-show fallback", () => {
  it('confirms a waiting remote ticket once; a second confirmation and a kiosk ticket are refused', () => {
    const b = new Branch(remoteConfig());
    const [issued] = b.must(remote('cash'));
    if (issued?.type !== 'ticket.issued') throw new Error('not issued');
    b.advance(5);
    expect(b.must({ type: 'confirm', ticketId: issued.ticket.id })).toEqual([{ type: 'ticket.confirmed', at: b.now, ticketId: issued.ticket.id }]);
    expect(b.state.tickets.get(issued.ticket.id)?.confirmedAt).toBe(b.now);
    expect(b.run({ type: 'confirm', ticketId: issued.ticket.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const kiosk = b.issue('cash');
    expect(b.run({ type: 'confirm', ticketId: kiosk.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(b.run({ type: 'confirm', ticketId: 'forged-ticket-id-0000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('an unconfirmed remote ticket, called, is marked no-show by the next call without recalls', () => {
    const b = new Branch(remoteConfig()).signIn('c2');
    const [issued] = b.must(remote('cash'));
    if (issued?.type !== 'ticket.issued') throw new Error('not issued');
    const behind = b.issue('cash');
    b.callNext('c2');
    const events = b.must({ type: 'callNext', ...at('c2') });
    expect(events.map((e) => e.type)).toEqual(['ticket.noShow', 'ticket.called']);
    expect(b.state.tickets.get(issued.ticket.id)?.state).toBe('no_show');
    expect(b.state.tickets.get(behind.id)?.state).toBe('called');
  });

  it('a confirmed remote ticket is owed the recalls of the no-show rules, like a kiosk ticket', () => {
    const b = new Branch(remoteConfig()).signIn('c2');
    const [issued] = b.must(remote('cash'));
    if (issued?.type !== 'ticket.issued') throw new Error('not issued');
    b.issue('cash');
    b.must({ type: 'confirm', ticketId: issued.ticket.id });
    b.callNext('c2');
    expect(b.run({ type: 'callNext', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'COUNTER_BUSY' } });
  });

  it('a remote no-show reactivated at the counter counts as confirmed (the customer is there)', () => {
    const b = new Branch(remoteConfig()).signIn('c2');
    const [issued] = b.must(remote('cash'));
    if (issued?.type !== 'ticket.issued') throw new Error('not issued');
    b.issue('cash');
    b.callNext('c2');
    b.callNext('c2');
    b.finish('c2');
    b.must({ type: 'reactivate', ticketId: issued.ticket.id, ...at('c2') });
    expect(b.state.tickets.get(issued.ticket.id)).toMatchObject({ state: 'waiting', confirmedAt: b.now });
  });

  it('never lets an unconfirmed remote ticket hold a counter past its first call, whatever the recalls allowed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 4 }), (maxRecalls, kioskBehind) => {
        const config = remoteConfig();
        const b = new Branch({ ...config, noShow: { ...config.noShow, maxRecalls } }).signIn('c2');
        const [issued] = b.must(remote('cash'));
        if (issued?.type !== 'ticket.issued') throw new Error('not issued');
        for (let i = 0; i < kioskBehind; i++) b.issue('cash');
        b.callNext('c2');
        b.callNext('c2');
        expect(b.state.tickets.get(issued.ticket.id)?.state).toBe('no_show');
        expect(b.state.counters.c2?.activeTicketId).not.toBe(issued.ticket.id);
      }),
    );
  });
});

describe('remote join: checking in at the kiosk', () => {
  const remoteTicket = (b: Branch) => {
    const [issued] = b.must(remote('cash'));
    if (issued?.type !== 'ticket.issued') throw new Error('not issued');
    return issued.ticket;
  };

  it('finds a remote ticket by its status address, whatever host, query or fragment the scanner read', () => {
    const b = new Branch(remoteConfig());
    const ticket = remoteTicket(b);
    for (const scanned of [`https://branch.example:8443/t/${ticket.id}`, `http://192.168.1.20/t/${ticket.id}?lang=lv`, ` /t/${ticket.id}#top `])
      expect(ticketForCheckIn(b.state, scanned)).toBe(ticket.id);
  });

  it('finds a waiting remote ticket by its six-digit arrival code, spaces allowed, and never a kiosk ticket by code', () => {
    const b = new Branch(remoteConfig());
    const ticket = remoteTicket(b);
    const kiosk = b.issue('cash');
    const code = arrivalCode(ticket.id);
    expect(code).toMatch(/^\d{6}$/);
    expect(ticketForCheckIn(b.state, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe(ticket.id);
    expect(ticketForCheckIn(b.state, arrivalCode(kiosk.id))).toBe(arrivalCode(kiosk.id) === code ? ticket.id : null);
    expect(ticketForCheckIn(b.state, '12345')).toBeNull();
    expect(ticketForCheckIn(b.state, 'A001')).toBeNull();
  });

  it('gives every id a six-digit code of its own, the same each time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 64 }), (id) => {
        expect(arrivalCode(id)).toMatch(/^\d{6}$/);
        expect(arrivalCode(id)).toBe(arrivalCode(id));
      }),
    );
  });

  it('names no ticket by a code two waiting remote tickets share (the customer scans or asks staff instead)', () => {
    const b = new Branch(remoteConfig());
    const first = remoteTicket(b);
    const second = remoteTicket(b);
    // Two ids with one code are rare (about one in a million pairs): search for an id sharing the first's.
    let n = 0;
    while (arrivalCode(`twin-${n}`) !== arrivalCode(first.id)) n++;
    const state = { ...b.state, tickets: b.state.tickets.without(second.id).with({ ...second, id: `twin-${n}` }) };
    expect(ticketForCheckIn(state, arrivalCode(first.id))).toBeNull();
    expect(ticketForCheckIn(b.state, arrivalCode(first.id))).toBe(first.id);
  });
});
