import { describe, expect, it } from 'vitest';
import type { IssuedTicket } from '@rinda/shared';
import { kioskFlow, type KioskStep } from './kiosk-flow';

const issued = { ticket: { displayNumber: 'A001' } } as IssuedTicket;

describe('kiosk screens', () => {
  it('goes language → service → issuing for a service without priority reasons, keeping the choice', () => {
    let step: KioskStep = { name: 'language' };
    step = kioskFlow(step, { type: 'chooseLanguage', language: 'ru' });
    expect(step).toEqual({ name: 'service', language: 'ru' });
    step = kioskFlow(step, { type: 'chooseService', serviceId: 'business', hasPriorityChoice: false, requestId: 'req-00001' });
    expect(step).toEqual({ name: 'issuing', language: 'ru', choice: { serviceId: 'business', priorityReasonId: null, requestId: 'req-00001' } });
  });

  it('asks for priority where the service offers it', () => {
    const step = kioskFlow({ name: 'service', language: 'lv' }, { type: 'chooseService', serviceId: 'cash', hasPriorityChoice: true, requestId: 'req-00001' });
    expect(step).toEqual({ name: 'priority', language: 'lv', serviceId: 'cash' });
    expect(kioskFlow(step, { type: 'choosePriority', priorityReasonId: 'senior', requestId: 'req-00002' })).toEqual({
      name: 'issuing',
      language: 'lv',
      choice: { serviceId: 'cash', priorityReasonId: 'senior', requestId: 'req-00002' },
    });
  });

  it('shows a result only for a choice in flight, never after the customer left', () => {
    const issuing: KioskStep = { name: 'issuing', language: 'en', choice: { serviceId: 'cash', priorityReasonId: null, requestId: 'req-00001' } };
    expect(kioskFlow(issuing, { type: 'issued', issued, print: { status: 'printed' } }).name).toBe('result');
    expect(kioskFlow({ name: 'language' }, { type: 'issued', issued, print: { status: 'printed' } })).toEqual({ name: 'language' });
  });

  it('retries a failed request with the same requestId, and only a failed one', () => {
    const choice = { serviceId: 'cash', priorityReasonId: null, requestId: 'req-00001' };
    const refused = kioskFlow({ name: 'issuing', language: 'en', choice }, { type: 'refused', reason: 'failed' });
    expect(kioskFlow(refused, { type: 'retry' })).toEqual({ name: 'issuing', language: 'en', choice });
    const noPrinter: KioskStep = { name: 'refused', language: 'en', reason: 'printerUnavailable', choice };
    expect(kioskFlow(noPrinter, { type: 'retry' })).toBe(noPrinter);
  });

  it('opens the check-in of a phone ticket from the first screen only, and goes back to it', () => {
    expect(kioskFlow({ name: 'language' }, { type: 'openCheckIn', language: 'lv' })).toEqual({ name: 'checkIn', language: 'lv' });
    expect(kioskFlow({ name: 'service', language: 'uk' }, { type: 'openCheckIn', language: 'lv' })).toEqual({ name: 'service', language: 'uk' });
    expect(kioskFlow({ name: 'checkIn', language: 'lv' }, { type: 'back' })).toEqual({ name: 'language' });
  });

  it('goes back one screen, and resets to the start from anywhere', () => {
    expect(kioskFlow({ name: 'priority', language: 'pl', serviceId: 'cash' }, { type: 'back' })).toEqual({ name: 'service', language: 'pl' });
    expect(kioskFlow({ name: 'service', language: 'pl' }, { type: 'back' })).toEqual({ name: 'language' });
    expect(kioskFlow({ name: 'service', language: 'pl' }, { type: 'reset' })).toEqual({ name: 'language' });
  });

  it('checks in by booking code: service → appointment → issuing with the code; a refused code goes back to the code', () => {
    let step: KioskStep = kioskFlow({ name: 'service', language: 'uk' }, { type: 'openAppointment' });
    expect(step).toEqual({ name: 'appointment', language: 'uk' });
    step = kioskFlow(step, { type: 'enterCode', code: 'k7q2m-9xw4d', requestId: 'req-00002' });
    expect(step).toEqual({ name: 'issuing', language: 'uk', choice: { serviceId: '', priorityReasonId: null, requestId: 'req-00002', code: 'k7q2m-9xw4d' } });
    const refused = kioskFlow(step, { type: 'refused', reason: 'codeNotFound' });
    expect(kioskFlow(refused, { type: 'back' })).toEqual({ name: 'appointment', language: 'uk' });
    expect(kioskFlow({ name: 'appointment', language: 'uk' }, { type: 'back' })).toEqual({ name: 'service', language: 'uk' });
    expect(kioskFlow({ name: 'language' }, { type: 'openAppointment' })).toEqual({ name: 'language' });
  });
});
