import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGES, demoBranchConfig, type PrinterCodePage } from '@rinda/shared';
import { configWithDiacritics, DIACRITICS, sampleIssuedTicket } from './sample-ticket';
import { CODE_PAGES, codePageFor, foldToCodePage } from './ticket-code-page';
import { buildTicketLayout } from './ticket-layout';

const profile = (codePages: PrinterCodePage[]) => ({ codePages });

describe('the code page of a ticket', () => {
  it('keeps Windows-1257 for Latvian, Lithuanian, Polish and English', () => {
    for (const language of ['lv', 'lt', 'pl', 'en'] as const) {
      expect(codePageFor(language, profile(['WPC1257', 'WPC1251']))).toBe('WPC1257');
      expect(codePageFor(language, profile(['PC866', 'WPC1257']))).toBe('WPC1257');
    }
  });

  it("takes the profile's first Cyrillic page for Russian and Ukrainian", () => {
    expect(codePageFor('ru', profile(['WPC1257', 'WPC1251']))).toBe('WPC1251');
    expect(codePageFor('uk', profile(['WPC1257', 'PC866', 'WPC1251']))).toBe('PC866');
    expect(codePageFor('ru', profile(['WPC1257']))).toBe('PC437');
  });
});

describe('folding text to one code page', () => {
  it('replaces what CP866 lacks with the nearest plain form, and keeps what it has', () => {
    expect(foldToCodePage('«Каса» — ’ґ’ і Ї є …', 'PC866')).toBe('"Каса" - \'г\' i Ї є ...');
  });

  it('leaves Windows-1251 its own quotes and dashes, and strips the marks off Latin letters', () => {
    expect(foldToCodePage('«Rīga Centrs» — №1', 'WPC1251')).toBe('«Riga Centrs» — №1');
  });

  it('writes "?" only for a character with no plain form in the page', () => {
    expect(foldToCodePage('日本', 'WPC1257')).toBe('??');
  });

  for (const page of Object.keys(CODE_PAGES) as PrinterCodePage[])
    it(`leaves only characters ${page} holds, whatever the input`, () => {
      const all = Object.values(DIACRITICS).join(' ') + ' ’‘“”„«»–—…№€ Rīga Łódź Ґанок';
      const folded = foldToCodePage(all, page);
      expect(iconv.decode(iconv.encode(folded, CODE_PAGES[page].iconv), CODE_PAGES[page].iconv)).toBe(folded);
    });

  it('prints a Russian ticket with a Latvian branch name in one table, the name without its marks', () => {
    const layout = buildTicketLayout(sampleIssuedTicket({ language: 'ru' }), demoBranchConfig, 'ru', { paperWidthMm: 80, codePages: ['WPC1257', 'PC866'], qr: true });
    expect(layout.codePage).toBe('PC866');
    const first = layout.lines[0];
    expect(first?.kind === 'text' && first.text).toBe('Rinda Bank - Riga Centrs');
  });

  it.each(CUSTOMER_LANGUAGES)('keeps every letter of %s on its default page', (language) => {
    const layout = buildTicketLayout(sampleIssuedTicket({ language, serviceId: 'letters' }), configWithDiacritics(), language, { paperWidthMm: 80, codePages: ['WPC1257', 'WPC1251'], qr: true });
    const text = layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : [])).join(' ');
    expect(text).toContain(DIACRITICS[language]);
  });
});
