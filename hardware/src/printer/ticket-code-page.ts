import iconv from 'iconv-lite';
import { CharacterSet } from 'node-thermal-printer';
import type { CustomerLanguage, PrinterCodePage, PrinterProfile } from '@rinda/shared';

type Script = 'latin' | 'cyrillic';

interface CodePageInfo {
  /** ESC t n, as Epson numbers the table (and node-thermal-printer sends it). */
  escPos: number;
  characterSet: CharacterSet;
  /** iconv-lite's name for the table: what node-thermal-printer encodes with. */
  iconv: string;
  script: Script;
}

export const CODE_PAGES: Record<PrinterCodePage, CodePageInfo> = {
  WPC1257: { escPos: 51, characterSet: CharacterSet.WPC1257_BALTIC_RIM, iconv: 'win1257', script: 'latin' },
  PC775: { escPos: 33, characterSet: CharacterSet.WPC775_BALTIC_RIM, iconv: 'cp775', script: 'latin' },
  WPC1250: { escPos: 45, characterSet: CharacterSet.WPC1250_LATIN2, iconv: 'win1250', script: 'latin' },
  PC852: { escPos: 18, characterSet: CharacterSet.PC852_LATIN2, iconv: 'cp852', script: 'latin' },
  PC437: { escPos: 0, characterSet: CharacterSet.PC437_USA, iconv: 'cp437', script: 'latin' },
  WPC1251: { escPos: 46, characterSet: CharacterSet.WPC1251_CYRILLIC, iconv: 'win1251', script: 'cyrillic' },
  PC866: { escPos: 17, characterSet: CharacterSet.PC866_CYRILLIC2, iconv: 'cp866', script: 'cyrillic' },
  PC1125: { escPos: 44, characterSet: CharacterSet.PC1125_UKRANIAN, iconv: 'cp1125', script: 'cyrillic' },
  PC855: { escPos: 34, characterSet: CharacterSet.PC855_CYRILLIC, iconv: 'cp855', script: 'cyrillic' },
};

const SCRIPT: Record<CustomerLanguage, Script> = { lv: 'latin', lt: 'latin', pl: 'latin', en: 'latin', ru: 'cyrillic', uk: 'cyrillic' };

/**
 * The one table a ticket in `language` is printed in: Latvian, Lithuanian, Polish and English keep
 * Windows-1257 (it holds all their letters); Russian and Ukrainian take the profile's first Cyrillic table.
 * A profile without a table of the script falls back to PC437, which every ESC/POS printer has.
 */
export function codePageFor(language: CustomerLanguage, profile: Pick<PrinterProfile, 'codePages'>): PrinterCodePage {
  const script = SCRIPT[language];
  if (script === 'latin' && profile.codePages.includes('WPC1257')) return 'WPC1257';
  return profile.codePages.find((page) => CODE_PAGES[page].script === script) ?? 'PC437';
}

/**
 * Nearest plain forms of characters a table may lack. Ukrainian і is the Latin i it looks like; ґ is
 * written г, as Ukrainian wrote it without the letter.
 */
const PLAIN_FORMS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u2039': "'", '\u203a': "'", '\u02bc': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ',
  '\u2116': 'No', '\u20ac': 'EUR', '\u2022': '*', '\u00b7': '.',
  'ґ': 'г', 'Ґ': 'Г', 'і': 'i', 'І': 'I', 'ї': 'i', 'Ї': 'I', 'є': 'е', 'Є': 'Е', 'ё': 'е', 'Ё': 'Е', 'ў': 'у', 'Ў': 'У',
  'Ł': 'L', 'ł': 'l', 'ß': 'ss', 'Æ': 'AE', 'æ': 'ae', 'Ø': 'O', 'ø': 'o', 'Đ': 'D', 'đ': 'd',
};

const encodable = new Map<string, Map<string, boolean>>();

/** Whether `page` holds the character (iconv-lite writes '?' for one it lacks). */
function holds(page: PrinterCodePage, char: string): boolean {
  if (char.length === 1 && char.charCodeAt(0) < 0x80) return true;
  let known = encodable.get(page);
  if (!known) encodable.set(page, (known = new Map()));
  let result = known.get(char);
  if (result === undefined) {
    const name = CODE_PAGES[page].iconv;
    result = iconv.decode(iconv.encode(char, name), name) === char;
    known.set(char, result);
  }
  return result;
}

/**
 * The text as `page` can print it: every character it holds stays, every other becomes its nearest plain
 * form (’ → ', « » → ", ā → a), or '?' when it has none. So node-thermal-printer never switches tables
 * mid-ticket (it would, with ESC t, for a character outside the active one).
 */
export function foldToCodePage(text: string, page: PrinterCodePage): string {
  let out = '';
  for (const char of text) out += foldChar(char, page);
  return out;
}

function foldChar(char: string, page: PrinterCodePage): string {
  if (holds(page, char)) return char;
  const plain = PLAIN_FORMS[char];
  if (plain !== undefined && [...plain].every((c) => holds(page, c))) return plain;
  // Letters with marks lose the marks: Rīga → Riga on a Cyrillic ticket.
  const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base && base !== char && [...base].every((c) => holds(page, c))) return base;
  return '?';
}
