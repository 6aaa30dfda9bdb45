import type { CustomerLanguage } from '../languages';

/**
 * Letter names where espeak-ng mis-reads a lone Latin capital in that language: English reads "A"
 * before a number as the article, Polish reads "W" and "Z" as prepositions, and the Russian and
 * Ukrainian voices switch to English for any Latin letter. Other letters are read well as they are.
 */
const LETTER_NAMES: Partial<Record<CustomerLanguage, Record<string, string>>> = {
  en: { A: 'Eh' },
  pl: { W: 'wu', Z: 'zet' },
  ru: {
    A: 'а', B: 'бэ', C: 'цэ', D: 'дэ', E: 'е', F: 'эф', G: 'гэ', H: 'аш', I: 'и', J: 'йот', K: 'ка', L: 'эль', M: 'эм',
    N: 'эн', O: 'о', P: 'пэ', Q: 'ку', R: 'эр', S: 'эс', T: 'тэ', U: 'у', V: 'вэ', W: 'дубль-вэ', X: 'икс', Y: 'игрек', Z: 'зэт',
  },
  uk: {
    A: 'а', B: 'бе', C: 'це', D: 'де', E: 'е', F: 'еф', G: 'ґе', H: 'аш', I: 'і', J: 'йот', K: 'ка', L: 'ель', M: 'ем',
    N: 'ен', O: 'о', P: 'пе', Q: 'ку', R: 'ер', S: 'ес', T: 'те', U: 'у', V: 'ве', W: 'дубль-ве', X: 'ікс', Y: 'ігрек', Z: 'зет',
  },
};

/**
 * A ticket number as a person of that language reads it aloud (for the server's announcements and the
 * kiosk's read-out alike): "A023" → "A 23" (letters apart, then
 * the number without leading zeros, so never "A zero twenty-three"); letter names where needed.
 */
export function spokenTicketNumber(displayNumber: string, language: CustomerLanguage): string {
  const match = /^([A-Za-z]*)[\s-]*(\d+)$/.exec(displayNumber.trim());
  if (!match) return displayNumber;
  const names = LETTER_NAMES[language] ?? {};
  const letters = [...match[1]!.toUpperCase()].map((letter) => names[letter] ?? letter);
  return [...letters, String(Number.parseInt(match[2]!, 10))].join(' ');
}

const LV_UNIT_ORDINALS = ['', 'pirmā', 'otrā', 'trešā', 'ceturtā', 'piektā', 'sestā', 'septītā', 'astotā', 'devītā'];
const LV_TEEN_ORDINALS = [
  'desmitā', 'vienpadsmitā', 'divpadsmitā', 'trīspadsmitā', 'četrpadsmitā',
  'piecpadsmitā', 'sešpadsmitā', 'septiņpadsmitā', 'astoņpadsmitā', 'deviņpadsmitā',
];
const LV_TENS = ['', '', 'divdesmit', 'trīsdesmit', 'četrdesmit', 'piecdesmit', 'sešdesmit', 'septiņdesmit', 'astoņdesmit', 'deviņdesmit'];

/**
 * Latvian says "pie trešā loga" (ordinal, genitive); espeak-ng reads "3." as the nominative
 * "trešais", so the words are given for 1–99. Beyond that the digits with a dot are close enough.
 */
function latvianOrdinalGenitive(n: number): string {
  if (n >= 1 && n <= 9) return LV_UNIT_ORDINALS[n]!;
  if (n >= 10 && n <= 19) return LV_TEEN_ORDINALS[n - 10]!;
  if (n >= 20 && n <= 99) {
    const tens = LV_TENS[Math.floor(n / 10)]!;
    return n % 10 === 0 ? `${tens}ā` : `${tens} ${LV_UNIT_ORDINALS[n % 10]!}`;
  }
  return `${n}.`;
}

/** The counter number as it fits the language's phrase template ("counter 3", "pie trešā loga"). */
export function spokenCounterNumber(counterNumber: number, language: CustomerLanguage): string {
  return language === 'lv' ? latvianOrdinalGenitive(counterNumber) : String(counterNumber);
}
