import { demoBranchConfig, newTicket, type BranchConfig, type CustomerLanguage, type WaitRange } from '@rinda/shared';
import type { TicketContent } from './ticket-layout';

/** A ticket as the server acks it, for tests and the virtual printer's demo page. */
export function sampleIssuedTicket(overrides: {
  language?: CustomerLanguage;
  serviceId?: string;
  displayNumber?: string;
  issuedAt?: number;
  peopleAhead?: number;
  /** The range told; null: no counter was open. */
  wait?: WaitRange | null;
  priorityReasonId?: string | null;
} = {}): TicketContent {
  const id = 'sample-ticket-id-0123456789abcdef';
  const issuedAt = overrides.issuedAt ?? Date.UTC(2026, 10, 25, 10, 5);
  const serviceId = overrides.serviceId ?? 'cash';
  const wait = overrides.wait === undefined ? { typicalMin: 12, atMostMin: 18 } : overrides.wait;
  const peopleAhead = overrides.peopleAhead ?? 3;
  const ticket = newTicket({
    id,
    businessDay: '2026-11-25',
    serviceId,
    number: 23,
    displayNumber: overrides.displayNumber ?? 'A023',
    language: overrides.language ?? 'lv',
    priorityReasonId: overrides.priorityReasonId ?? null,
    issuedAt,
  });
  return {
    ticket: { ...ticket, estimatedWaitMin: wait?.typicalMin ?? null, estimatedWaitAtMostMin: wait?.atMostMin ?? null, peopleAheadAtIssue: peopleAhead },
    peopleAhead,
    wait,
    statusPath: `/t/${id}`,
    statusUrl: `http://192.168.1.10:8080/t/${id}`,
  };
}

/**
 * The demo branch with a service whose names hold every letter of the customer languages that a
 * printer code page must carry: Latvian, Lithuanian, Polish, Russian and Ukrainian.
 */
export const DIACRITICS: Record<CustomerLanguage, string> = {
  lv: 'Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž ā č ē ģ ī ķ ļ ņ š ū ž',
  lt: 'Ą Č Ę Ė Į Š Ų Ū Ž ą č ę ė į š ų ū ž',
  pl: 'Ą Ć Ę Ł Ń Ó Ś Ź Ż ą ć ę ł ń ó ś ź ż',
  ru: 'Ё Й Щ Ъ Ы Э Ю Я ё й щ ъ ы э ю я',
  uk: 'Ґ Є І Ї ґ є і ї Щ щ ь',
  en: 'Plain ASCII',
};

export function configWithDiacritics(base: BranchConfig = demoBranchConfig): BranchConfig {
  return {
    ...base,
    services: [
      ...base.services,
      {
        id: 'letters',
        prefix: 'L',
        names: DIACRITICS,
        targetWaitMin: 10,
        goalPercent: 90,
        openingHours: null,
        active: true,
        priorityReasonIds: [],
      },
    ],
  };
}
