import { describe, expect, it } from 'vitest';
import { customerMessages, managerPairingNames, staffMessages, translate, type Messages } from './index';

function keys(m: Messages, prefix = ''): string[] {
  return Object.entries(m).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
function placeholders(m: Messages, key: string): string[] {
  return [...translate(m, key).matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort();
}

const all = { ...customerMessages, ...staffMessages } as Record<string, Record<string, Messages>>;

describe('translation files', () => {
  for (const [ns, byLang] of Object.entries(all)) {
    it(`${ns}: every language has every English key, with the same placeholders, and nothing empty`, () => {
      const reference = keys(byLang.en!).sort();
      for (const [lang, messages] of Object.entries(byLang)) {
        expect(keys(messages).sort(), `${ns}/${lang}.json keys`).toEqual(reference);
        for (const key of reference) {
          expect(translate(messages, key).trim(), `${ns}/${lang}: ${key}`).not.toBe('');
          expect(placeholders(messages, key), `${ns}/${lang}: ${key} placeholders`).toEqual(placeholders(byLang.en!, key));
        }
      }
    });
  }

  it('fills placeholders and refuses a missing key', () => {
    const m: Messages = { call: { phrase: 'Number {number}, counter {counter}' } };
    expect(translate(m, 'call.phrase', { number: 'A 23', counter: 3 })).toBe('Number A 23, counter 3');
    expect(() => translate(m, 'call.missing')).toThrow(/missing translation/);
  });

  it("quotes the manager app's own names on pairing screens, in English where the manager app has not the language", () => {
    expect(managerPairingNames('lv')).toEqual({ devices: translate(staffMessages.manager.lv, 'tabs.devices'), pair: translate(staffMessages.manager.lv, 'devices.pair') });
    expect(managerPairingNames('ru')).toEqual(managerPairingNames('en'));
    for (const ns of ['kiosk', 'display'] as const)
      for (const messages of Object.values(customerMessages[ns])) expect(placeholders(messages, 'pairing.instructions')).toEqual(['devices', 'pair']);
  });
});
