import { describe, expect, it } from 'vitest';
import { spokenCounterNumber, spokenTicketNumber } from './spoken-numbers';

describe('spokenTicketNumber', () => {
  it('splits the prefix from the number and drops leading zeros, never "A zero twenty-three"', () => {
    expect(spokenTicketNumber('A023', 'lv')).toBe('A 23');
    expect(spokenTicketNumber('B007', 'lt')).toBe('B 7');
    expect(spokenTicketNumber('C100', 'pl')).toBe('C 100');
    expect(spokenTicketNumber('D000', 'lv')).toBe('D 0');
  });

  it('spells two-letter prefixes letter by letter', () => {
    expect(spokenTicketNumber('AB012', 'lv')).toBe('A B 12');
    expect(spokenTicketNumber('AB012', 'ru')).toBe('а бэ 12');
  });

  it('names letters where espeak-ng would mis-read them in that language', () => {
    expect(spokenTicketNumber('A023', 'en')).toBe('Eh 23');
    expect(spokenTicketNumber('B023', 'en')).toBe('B 23');
    expect(spokenTicketNumber('W005', 'pl')).toBe('wu 5');
    expect(spokenTicketNumber('Z005', 'pl')).toBe('zet 5');
    expect(spokenTicketNumber('C042', 'ru')).toBe('цэ 42');
    expect(spokenTicketNumber('C042', 'uk')).toBe('це 42');
    expect(spokenTicketNumber('H001', 'uk')).toBe('аш 1');
  });

  it('has a Cyrillic name for every Latin capital in Russian and Ukrainian', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      expect(spokenTicketNumber(`${letter}1`, 'ru')).toMatch(/^[а-яё-]+ 1$/);
      expect(spokenTicketNumber(`${letter}1`, 'uk')).toMatch(/^[а-яіїєґ-]+ 1$/);
    }
  });

  it('leaves a number it does not understand as it is', () => {
    expect(spokenTicketNumber('A-?', 'en')).toBe('A-?');
  });
});

describe('spokenCounterNumber', () => {
  it('gives Latvian the genitive ordinal ("pie trešā loga")', () => {
    expect(spokenCounterNumber(1, 'lv')).toBe('pirmā');
    expect(spokenCounterNumber(3, 'lv')).toBe('trešā');
    expect(spokenCounterNumber(10, 'lv')).toBe('desmitā');
    expect(spokenCounterNumber(12, 'lv')).toBe('divpadsmitā');
    expect(spokenCounterNumber(20, 'lv')).toBe('divdesmitā');
    expect(spokenCounterNumber(23, 'lv')).toBe('divdesmit trešā');
    expect(spokenCounterNumber(99, 'lv')).toBe('deviņdesmit devītā');
    expect(spokenCounterNumber(120, 'lv')).toBe('120.');
  });

  it('gives the other languages the plain number ("counter 3", "окно номер 3")', () => {
    for (const language of ['lt', 'pl', 'ru', 'uk', 'en'] as const) expect(spokenCounterNumber(3, language)).toBe('3');
  });
});
