import { describe, expect, it } from 'vitest';
import { demoBranchConfig, type BranchConfig, type CustomerLanguage } from '@rinda/shared';
import { announcementPhrases, briefAnnouncementPhrase } from './announcement-phrases';

function withLanguages(languages: CustomerLanguage[]): BranchConfig {
  return { ...demoBranchConfig, branch: { ...demoBranchConfig.branch, announcementLanguages: languages } };
}
const call = { displayNumber: 'A023', counterNumber: 3, language: 'lv' as const };

describe('announcementPhrases', () => {
  it('speaks each language from its template, with the number read the way that language reads it', () => {
    const phrases = announcementPhrases(call, withLanguages(['lv', 'lt', 'pl', 'ru', 'uk', 'en']));
    expect(phrases).toEqual([
      { language: 'lv', text: 'Numurs A 23, lūdzu, pie trešā loga.' },
      { language: 'lt', text: 'Numeris A 23, prašome eiti prie langelio numeris 3.' },
      { language: 'pl', text: 'Numer A 23, zapraszamy do stanowiska numer 3.' },
      { language: 'ru', text: 'Номер а 23, пожалуйста, пройдите к окну номер 3.' },
      { language: 'uk', text: 'Номер а 23, будь ласка, підійдіть до вікна номер 3.' },
      { language: 'en', text: 'Number Eh 23, please go to counter 3.' },
    ]);
  });

  it("follows the branch's order of announcement languages", () => {
    expect(announcementPhrases(call, withLanguages(['en', 'lv'])).map((p) => p.language)).toEqual(['en', 'lv']);
  });

  it("adds the customer's own language last when the branch does not announce in it", () => {
    const phrases = announcementPhrases({ ...call, language: 'uk' }, withLanguages(['lv', 'en']));
    expect(phrases.map((p) => p.language)).toEqual(['lv', 'en', 'uk']);
    expect(phrases[2]!.text).toBe('Номер а 23, будь ласка, підійдіть до вікна номер 3.');
  });

  it('says the brief form in the first announcement language only, whatever the customer speaks', () => {
    expect(briefAnnouncementPhrase({ ...call, language: 'uk' }, withLanguages(['lv', 'en']))).toEqual({ language: 'lv', text: 'A 23, pie trešā loga.' });
    expect(briefAnnouncementPhrase(call, withLanguages(['ru', 'lv']))).toEqual({ language: 'ru', text: 'а 23, окно 3.' });
  });
});
