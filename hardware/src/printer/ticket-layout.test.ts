import { describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGES, demoBranchConfig } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { buildTicketLayout, formatIssuedAt, wrapText, type LayoutLine, type TextLine } from './ticket-layout';

const paper = (paperWidthMm: 58 | 80, more: { qr?: boolean } = {}) => ({ paperWidthMm, codePages: ['WPC1257' as const, 'WPC1251' as const], qr: more.qr ?? true });
import { sampleIssuedTicket } from './sample-ticket';

const texts = (lines: LayoutLine[]): TextLine[] => lines.filter((l): l is TextLine => l.kind === 'text');

describe('ticket layout', () => {
  for (const paperWidth of [58, 80] as const) {
    it(`keeps every line within the ${paperWidth} mm paper width`, () => {
      for (const language of CUSTOMER_LANGUAGES) {
        const layout = buildTicketLayout(sampleIssuedTicket({ language }), demoBranchConfig, language, paper(paperWidth));
        expect(layout.columns).toBe(paperWidth === 58 ? 32 : 48);
        for (const line of texts(layout.lines)) expect(line.text.length * line.size).toBeLessThanOrEqual(layout.columns);
      }
    });
  }

  it('prints branch, a very large number, service, time, people ahead, wait, QR of the status URL, please-wait and a cut', () => {
    const issued = sampleIssuedTicket({ language: 'en', peopleAhead: 4, wait: { typicalMin: 12, atMostMin: 19 } });
    const layout = buildTicketLayout(issued, demoBranchConfig, 'en', paper(80));
    const lines = texts(layout.lines);
    expect(lines[0]).toMatchObject({ text: 'Rinda Bank — Rīga Centrs', bold: true, align: 'center' });
    const number = lines.find((l) => l.text === 'A023');
    expect(number).toMatchObject({ bold: true, align: 'center', size: 8 });
    const all = lines.map((l) => l.text);
    expect(all).toContain('Cash and payments');
    expect(all).toContain('Issued: 25 Nov 2026, 12:05');
    expect(all).toContain('People ahead of you: 4');
    expect(all).toContain('Typical wait: about 12 min');
    expect(all).toContain('At most: 19 min');
    expect(all.join(' ')).toContain('Please wait until your number is called. Thank you!');
    expect(layout.lines).toContainEqual({ kind: 'qr', data: issued.statusUrl, cellSize: 6 });
    expect(layout.lines.at(-1)).toEqual({ kind: 'cut' });
  });

  it('shrinks a long number so it still fits 58 mm paper', () => {
    const layout = buildTicketLayout(sampleIssuedTicket({ displayNumber: 'AB123' }), demoBranchConfig, 'lv', paper(58));
    expect(texts(layout.lines).find((l) => l.text === 'AB123')?.size).toBe(6);
  });

  it('says "under 1 min" rather than "about 0 min" when nobody waits, and still gives the at most', () => {
    const layout = buildTicketLayout(sampleIssuedTicket({ wait: { typicalMin: 0, atMostMin: 2 } }), demoBranchConfig, 'en', paper(80));
    const all = texts(layout.lines).map((l) => l.text);
    expect(all).toContain('Typical wait: under 1 min');
    expect(all).toContain('At most: 2 min');
  });

  it('prints that no counter is open, and no number, when none serving the service was open', () => {
    const layout = buildTicketLayout(sampleIssuedTicket({ wait: null }), demoBranchConfig, 'en', paper(80));
    const all = texts(layout.lines).map((l) => l.text).join(' ');
    expect(all).toContain('No counter for this service is open right now.');
    expect(all).not.toMatch(/Typical wait|At most|\d+ min/);
  });

  it('names the priority reason in the customer language', () => {
    const layout = buildTicketLayout(sampleIssuedTicket({ priorityReasonId: 'senior' }), demoBranchConfig, 'pl', paper(80));
    const senior = demoBranchConfig.priorityReasons.find((r) => r.id === 'senior')!;
    expect(texts(layout.lines).map((l) => l.text)).toContain(`Pierwszeństwo: ${senior.names.pl}`);
  });

  it('marks an appointment ticket with its booked time on the branch clock, in the customer language', () => {
    const issued = sampleIssuedTicket({ displayNumber: 'CV001' });
    const slotStart = Date.UTC(2026, 10, 25, 8, 30); // 10:30 in Riga
    const appointed = { ...issued, ticket: { ...issued.ticket, appointment: { bookingId: 'b1', code: 'K7Q2M9XW4D', slotStart, arrival: 'onTime' as const } } };
    for (const language of CUSTOMER_LANGUAGES) {
      const lines = texts(buildTicketLayout(appointed, demoBranchConfig, language, paper(80)).lines).map((l) => l.text);
      expect(lines).toContain(translate(customerMessages.ticket[language], 'appointment', { time: '10:30' }).normalize('NFC'));
    }
    expect(texts(buildTicketLayout(issued, demoBranchConfig, 'en', paper(80)).lines).map((l) => l.text).join(' ')).not.toMatch(/Appointment/);
  });

  for (const language of CUSTOMER_LANGUAGES) {
    it(`takes every text of the ${language} ticket from its translation file`, () => {
      const messages = customerMessages.ticket[language];
      const layout = buildTicketLayout(sampleIssuedTicket({ language }), demoBranchConfig, language, paper(80));
      const joined = texts(layout.lines).map((l) => l.text).join(' ');
      expect(joined).toContain(translate(messages, 'yourNumber'));
      expect(joined).toContain(translate(messages, 'peopleAhead', { count: 3 }));
      expect(joined).toContain(translate(messages, 'waitTypical', { minutes: 12 }));
      expect(joined).toContain(translate(messages, 'waitAtMost', { minutes: 18 }));
      expect(joined).toContain(translate(messages, 'pleaseWait'));
      expect(joined).toContain(demoBranchConfig.services[0]!.names[language]);
    });
  }
});

describe('issue time', () => {
  it("is written in the branch's zone, not UTC, and in the customer's language", () => {
    const at = Date.UTC(2026, 10, 25, 22, 30); // 00:30 next day in Riga (UTC+2)
    expect(formatIssuedAt(at, 'Europe/Riga', 'en')).toBe('26 Nov 2026, 00:30');
    expect(formatIssuedAt(at, 'Europe/Riga', 'ru')).toMatch(/^26 нояб\. 2026( г\.)?,? 00:30$/);
    expect(formatIssuedAt(at, 'Europe/Warsaw', 'pl')).toMatch(/^25 lis 2026,? 23:30$/);
    expect(formatIssuedAt(at, 'Europe/Riga', 'lv')).not.toMatch(/[\u00a0\u202f]/);
  });
});

describe('wrapText', () => {
  it('breaks at spaces and splits words longer than a line', () => {
    expect(wrapText('one two three', 7)).toEqual(['one two', 'three']);
    expect(wrapText('abcdefghij k', 4)).toEqual(['abcd', 'efgh', 'ij k']);
  });
});
