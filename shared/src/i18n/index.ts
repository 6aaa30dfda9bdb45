// Generated list of translation files: one folder per namespace, one JSON file per language.
// Customer namespaces are complete in all six customer languages; staff namespaces in the four staff languages.
import kiosk_lv from './kiosk/lv.json' with { type: 'json' };
import kiosk_lt from './kiosk/lt.json' with { type: 'json' };
import kiosk_pl from './kiosk/pl.json' with { type: 'json' };
import kiosk_ru from './kiosk/ru.json' with { type: 'json' };
import kiosk_uk from './kiosk/uk.json' with { type: 'json' };
import kiosk_en from './kiosk/en.json' with { type: 'json' };
import ticket_lv from './ticket/lv.json' with { type: 'json' };
import ticket_lt from './ticket/lt.json' with { type: 'json' };
import ticket_pl from './ticket/pl.json' with { type: 'json' };
import ticket_ru from './ticket/ru.json' with { type: 'json' };
import ticket_uk from './ticket/uk.json' with { type: 'json' };
import ticket_en from './ticket/en.json' with { type: 'json' };
import status_lv from './status/lv.json' with { type: 'json' };
import status_lt from './status/lt.json' with { type: 'json' };
import status_pl from './status/pl.json' with { type: 'json' };
import status_ru from './status/ru.json' with { type: 'json' };
import status_uk from './status/uk.json' with { type: 'json' };
import status_en from './status/en.json' with { type: 'json' };
import display_lv from './display/lv.json' with { type: 'json' };
import display_lt from './display/lt.json' with { type: 'json' };
import display_pl from './display/pl.json' with { type: 'json' };
import display_ru from './display/ru.json' with { type: 'json' };
import display_uk from './display/uk.json' with { type: 'json' };
import display_en from './display/en.json' with { type: 'json' };
import voice_lv from './voice/lv.json' with { type: 'json' };
import voice_lt from './voice/lt.json' with { type: 'json' };
import voice_pl from './voice/pl.json' with { type: 'json' };
import voice_ru from './voice/ru.json' with { type: 'json' };
import voice_uk from './voice/uk.json' with { type: 'json' };
import voice_en from './voice/en.json' with { type: 'json' };
import counter_en from './counter/en.json' with { type: 'json' };
import counter_lv from './counter/lv.json' with { type: 'json' };
import counter_lt from './counter/lt.json' with { type: 'json' };
import counter_pl from './counter/pl.json' with { type: 'json' };
import manager_en from './manager/en.json' with { type: 'json' };
import manager_lv from './manager/lv.json' with { type: 'json' };
import manager_lt from './manager/lt.json' with { type: 'json' };
import manager_pl from './manager/pl.json' with { type: 'json' };

export type Messages = { [key: string]: string | Messages };

export const CUSTOMER_NAMESPACES = ['kiosk', 'ticket', 'status', 'display', 'voice'] as const;
export const STAFF_NAMESPACES = ['counter', 'manager'] as const;
export type CustomerNamespace = (typeof CUSTOMER_NAMESPACES)[number];
export type StaffNamespace = (typeof STAFF_NAMESPACES)[number];

export const customerMessages: Record<CustomerNamespace, Record<'lv' | 'lt' | 'pl' | 'ru' | 'uk' | 'en', Messages>> = {
  kiosk: { lv: kiosk_lv, lt: kiosk_lt, pl: kiosk_pl, ru: kiosk_ru, uk: kiosk_uk, en: kiosk_en },
  ticket: { lv: ticket_lv, lt: ticket_lt, pl: ticket_pl, ru: ticket_ru, uk: ticket_uk, en: ticket_en },
  status: { lv: status_lv, lt: status_lt, pl: status_pl, ru: status_ru, uk: status_uk, en: status_en },
  display: { lv: display_lv, lt: display_lt, pl: display_pl, ru: display_ru, uk: display_uk, en: display_en },
  voice: { lv: voice_lv, lt: voice_lt, pl: voice_pl, ru: voice_ru, uk: voice_uk, en: voice_en },
};
export const staffMessages: Record<StaffNamespace, Record<'en' | 'lv' | 'lt' | 'pl', Messages>> = {
  counter: { en: counter_en, lv: counter_lv, lt: counter_lt, pl: counter_pl },
  manager: { en: manager_en, lv: manager_lv, lt: manager_lt, pl: manager_pl },
};

/** Looks up a dotted key and fills {name} placeholders; the server uses it for tickets and voice. */
export function translate(messages: Messages, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`missing translation: ${key}`);
  return node.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/**
 * Where a manager pairs a device, named as the manager app names it (its Devices tab, then its pairing form), in
 * the manager app's language nearest to `language` (English where the manager app has no such language). The
 * kiosk's and display's pairing screens quote these, so each name is written once, in manager/*.json.
 */
export function managerPairingNames(language: string): { devices: string; pair: string } {
  const staff = (Object.keys(staffMessages.manager) as (keyof typeof staffMessages.manager)[]).find((l) => l === language) ?? 'en';
  const messages = staffMessages.manager[staff];
  return { devices: translate(messages, 'tabs.devices'), pair: translate(messages, 'devices.pair') };
}
