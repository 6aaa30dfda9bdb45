import iconv from 'iconv-lite';

/**
 * ESC t n → character table, as Epson's ESC/POS reference numbers them (the numbers node-thermal-printer
 * sends), with the iconv-lite name used to read the bytes. Tables iconv-lite lacks are left out: their
 * bytes above 0x7F decode as U+FFFD, so a wrong code page shows up in tests instead of passing silently.
 */
const CODE_PAGES: Record<number, string> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  13: 'cp857',
  14: 'cp737',
  15: 'iso-8859-7',
  16: 'cp1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  33: 'cp775',
  34: 'cp855',
  35: 'cp861',
  36: 'cp862',
  37: 'cp864',
  38: 'cp869',
  39: 'iso-8859-2',
  40: 'iso-8859-15',
  44: 'cp1125',
  45: 'win1250',
  46: 'win1251',
  47: 'win1253',
  48: 'win1254',
  49: 'win1255',
  50: 'win1256',
  51: 'win1257',
  52: 'win1258',
  53: 'rk1048',
};

export const DEFAULT_CODE_PAGE = 0;

export function decodeText(bytes: Uint8Array, codePage: number): string {
  const name = CODE_PAGES[codePage];
  if (name) return iconv.decode(Buffer.from(bytes), name);
  return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
}
