import type { CustomerLanguage, IssuedTicket, PrintOutcome } from '@rinda/shared';

/** The customer's choice, confirmed; its requestId is reused by a retry of the same choice and never by another. */
export interface TicketChoice {
  serviceId: string;
  priorityReasonId: string | null;
  requestId: string;
  /** A booking code: the choice is an appointment's check-in (the booking names the service). */
  code?: string;
}

export type RefusalReason = 'printerUnavailable' | 'serviceClosed' | 'failed' | 'codeNotFound' | 'tooEarly' | 'bookingUsed' | 'tooManyTries';

export type KioskStep =
  | { name: 'language' }
  | { name: 'service'; language: CustomerLanguage }
  | { name: 'priority'; language: CustomerLanguage; serviceId: string }
  | { name: 'appointment'; language: CustomerLanguage }
  /** "I'm here" for a ticket taken on a phone (remote join): its QR scanned or its arrival code typed. */
  | { name: 'checkIn'; language: CustomerLanguage }
  | { name: 'issuing'; language: CustomerLanguage; choice: TicketChoice }
  | { name: 'result'; language: CustomerLanguage; issued: IssuedTicket; print: PrintOutcome }
  | { name: 'refused'; language: CustomerLanguage; reason: RefusalReason; choice: TicketChoice };

export type KioskAction =
  | { type: 'chooseLanguage'; language: CustomerLanguage }
  | { type: 'chooseService'; serviceId: string; hasPriorityChoice: boolean; requestId: string }
  | { type: 'choosePriority'; priorityReasonId: string | null; requestId: string }
  | { type: 'openAppointment' }
  | { type: 'enterCode'; code: string; requestId: string }
  /** From the first screen, in the kiosk's default language (the phone guides its customer in theirs). */
  | { type: 'openCheckIn'; language: CustomerLanguage }
  | { type: 'retry' }
  | { type: 'issued'; issued: IssuedTicket; print: PrintOutcome }
  | { type: 'refused'; reason: RefusalReason }
  | { type: 'back' }
  | { type: 'reset' };

/** Screens in order; pure, so each transition is tested without a browser. */
export function kioskFlow(step: KioskStep, action: KioskAction): KioskStep {
  switch (action.type) {
    case 'reset':
      return { name: 'language' };
    case 'chooseLanguage':
      return step.name === 'language' ? { name: 'service', language: action.language } : step;
    case 'chooseService':
      if (step.name !== 'service') return step;
      return action.hasPriorityChoice
        ? { name: 'priority', language: step.language, serviceId: action.serviceId }
        : {
            name: 'issuing',
            language: step.language,
            choice: { serviceId: action.serviceId, priorityReasonId: null, requestId: action.requestId },
          };
    case 'openCheckIn':
      return step.name === 'language' ? { name: 'checkIn', language: action.language } : step;
    case 'choosePriority':
      if (step.name !== 'priority') return step;
      return {
        name: 'issuing',
        language: step.language,
        choice: { serviceId: step.serviceId, priorityReasonId: action.priorityReasonId, requestId: action.requestId },
      };
    case 'openAppointment':
      return step.name === 'service' ? { name: 'appointment', language: step.language } : step;
    case 'enterCode':
      if (step.name !== 'appointment') return step;
      return { name: 'issuing', language: step.language, choice: { serviceId: '', priorityReasonId: null, requestId: action.requestId, code: action.code } };
    case 'retry':
      return step.name === 'refused' && step.reason === 'failed'
        ? { name: 'issuing', language: step.language, choice: step.choice }
        : step;
    case 'issued':
      return step.name === 'issuing' ? { name: 'result', language: step.language, issued: action.issued, print: action.print } : step;
    case 'refused':
      return step.name === 'issuing' ? { name: 'refused', language: step.language, reason: action.reason, choice: step.choice } : step;
    case 'back':
      if (step.name === 'service' || step.name === 'checkIn') return { name: 'language' };
      if (step.name === 'priority' || step.name === 'appointment') return { name: 'service', language: step.language };
      // A refused check-in goes back to the code, to correct it; any other refusal to the services.
      if (step.name === 'refused') return step.choice.code !== undefined ? { name: 'appointment', language: step.language } : { name: 'service', language: step.language };
      return step;
  }
}
