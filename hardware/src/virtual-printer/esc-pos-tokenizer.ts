/** One unit of an ESC/POS byte stream, as a printer's command interpreter sees it. */
export type EscPosToken =
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'lineFeed' }
  | { type: 'feedLines'; lines: number }
  | { type: 'init' }
  | { type: 'codePage'; table: number }
  | { type: 'bold'; on: boolean }
  | { type: 'underline'; on: boolean }
  | { type: 'align'; align: 'left' | 'center' | 'right' }
  /** ESC ! n: font, bold, double height and width in one byte. */
  | { type: 'printMode'; mode: number }
  /** GS ! n: width multiplier in the high nibble, height in the low one (0 = ×1). */
  | { type: 'charSize'; width: number; height: number }
  | { type: 'cut'; partial: boolean }
  | { type: 'qrModel'; model: number }
  | { type: 'qrCellSize'; size: number }
  | { type: 'qrStore'; data: Uint8Array }
  | { type: 'qrPrint' }
  | { type: 'barcode'; data: Uint8Array }
  | { type: 'rasterImage'; widthBytes: number; height: number; data: Uint8Array }
  /** DLE EOT n: a real-time status request the printer answers at once. */
  | { type: 'statusRequest'; kind: number }
  /** GS a n: automatic status back on (n ≠ 0: which changes it reports) or off. */
  | { type: 'autoStatusBack'; n: number }
  /** A command the virtual printer knows how to skip but does not act on. */
  | { type: 'ignored'; command: string };

const LF = 0x0a;
const DLE = 0x10;
const ESC = 0x1b;
const GS = 0x1d;
const NUL = 0x00;

/** Bytes taken by ESC commands that only carry fixed parameters: ESC x → total length. */
const ESC_FIXED: Record<number, number> = {
  0x20: 3, // ESC SP n: character spacing
  0x24: 4, // ESC $ nL nH: absolute position
  0x32: 2, // ESC 2: default line spacing
  0x33: 3, // ESC 3 n: line spacing
  0x3d: 3, // ESC = n: peripheral select
  0x3f: 3, // ESC ? n
  0x42: 4, // ESC B n t: buzzer
  0x47: 3, // ESC G n: double strike
  0x4a: 3, // ESC J n: feed dots
  0x4d: 3, // ESC M n: font
  0x52: 3, // ESC R n: international set
  0x55: 3, // ESC U n: unidirectional
  0x56: 3, // ESC V n: rotate
  0x5c: 4, // ESC \ nL nH: relative position
  0x63: 4, // ESC c n m: panel and sensor options
  0x70: 5, // ESC p m t1 t2: drawer pulse
  0x72: 3, // ESC r n: colour
  0x7b: 3, // ESC { n: upside down
};

/** Bytes taken by GS commands with fixed parameters. */
const GS_FIXED: Record<number, number> = {
  0x42: 3, // GS B n: reverse
  0x48: 3, // GS H n: barcode text position
  0x4c: 4, // GS L nL nH: left margin
  0x57: 4, // GS W nL nH: print area width
  0x62: 3, // GS b n: smoothing
  0x66: 3, // GS f n: barcode text font
  0x68: 3, // GS h n: barcode height
  0x72: 3, // GS r n: transmit status
  0x77: 3, // GS w n: barcode width
  0x7c: 3, // GS | n: print density
};

/**
 * Splits bytes into tokens. A command cut off at the end of `bytes` is not consumed: the caller keeps
 * `bytes.subarray(consumed)` and tries again when more arrive (a TCP stream splits anywhere).
 */
export function tokenize(bytes: Uint8Array): { tokens: EscPosToken[]; consumed: number } {
  const tokens: EscPosToken[] = [];
  let i = 0;
  const at = (k: number): number | undefined => bytes[i + k];
  const has = (length: number) => i + length <= bytes.length;

  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b >= 0x20) {
      let end = i;
      while (end < bytes.length && bytes[end]! >= 0x20) end++;
      tokens.push({ type: 'text', bytes: bytes.slice(i, end) });
      i = end;
      continue;
    }
    if (b === LF) {
      tokens.push({ type: 'lineFeed' });
      i++;
      continue;
    }
    if (b === DLE) {
      const length = dleLength(at(1));
      if (!has(length)) break;
      if (at(1) === 0x04) tokens.push({ type: 'statusRequest', kind: at(2)! });
      else tokens.push({ type: 'ignored', command: `DLE ${hex(at(1))}` });
      i += length;
      continue;
    }
    if (b === ESC || b === GS) {
      if (!has(2)) break;
      const step = b === ESC ? escToken(bytes, i) : gsToken(bytes, i);
      if (!step) break;
      tokens.push(step.token);
      i += step.length;
      continue;
    }
    // CR, HT and other control bytes move nothing on a ticket printer worth recording.
    i++;
  }
  return { tokens, consumed: i };
}

type Step = { token: EscPosToken; length: number } | null;

function dleLength(command: number | undefined): number {
  if (command === 0x04 || command === 0x05) return 3;
  if (command === 0x14) return 5;
  return command === undefined ? 2 : 1;
}

function escToken(bytes: Uint8Array, i: number): Step {
  const command = bytes[i + 1]!;
  const n = bytes[i + 2];
  const need3 = (token: EscPosToken): Step => (n === undefined ? null : { token, length: 3 });
  switch (command) {
    case 0x40:
      return { token: { type: 'init' }, length: 2 };
    case 0x74:
      return need3({ type: 'codePage', table: n! });
    case 0x45:
      return need3({ type: 'bold', on: (n! & 1) === 1 });
    case 0x2d:
      return need3({ type: 'underline', on: n === 1 || n === 2 || n === 0x31 || n === 0x32 });
    case 0x61:
      return need3({ type: 'align', align: n === 1 || n === 0x31 ? 'center' : n === 2 || n === 0x32 ? 'right' : 'left' });
    case 0x21:
      return need3({ type: 'printMode', mode: n! });
    case 0x64:
      return need3({ type: 'feedLines', lines: n! });
    case 0x44: {
      // ESC D n1 … NUL: tab positions
      const end = bytes.indexOf(NUL, i + 2);
      return end < 0 ? null : { token: { type: 'ignored', command: 'ESC D' }, length: end + 1 - i };
    }
    case 0x2a: {
      // ESC * m nL nH d…: bit image, 1 or 3 bytes per column
      if (i + 5 > bytes.length) return null;
      const columns = bytes[i + 3]! + 256 * bytes[i + 4]!;
      const length = 5 + columns * (bytes[i + 2]! >= 32 ? 3 : 1);
      return i + length > bytes.length ? null : { token: { type: 'ignored', command: 'ESC *' }, length };
    }
    default: {
      const length = ESC_FIXED[command] ?? 2;
      return i + length > bytes.length ? null : { token: { type: 'ignored', command: `ESC ${hex(command)}` }, length };
    }
  }
}

function gsToken(bytes: Uint8Array, i: number): Step {
  const command = bytes[i + 1]!;
  const n = bytes[i + 2];
  switch (command) {
    case 0x21:
      return n === undefined ? null : { token: { type: 'charSize', width: (n >> 4) + 1, height: (n & 0x0f) + 1 }, length: 3 };
    case 0x56: {
      if (n === undefined) return null;
      const withFeed = n >= 65;
      const length = withFeed ? 4 : 3;
      if (i + length > bytes.length) return null;
      return { token: { type: 'cut', partial: n % 2 === 1 || n === 66 || n === 98 || n === 104 }, length };
    }
    case 0x61:
      return n === undefined ? null : { token: { type: 'autoStatusBack', n }, length: 3 };
    case 0x28:
      return gsParenToken(bytes, i);
    case 0x6b:
      return barcodeToken(bytes, i);
    case 0x76: {
      // GS v 0 m xL xH yL yH d…: raster bit image
      if (i + 8 > bytes.length) return null;
      const widthBytes = bytes[i + 4]! + 256 * bytes[i + 5]!;
      const height = bytes[i + 6]! + 256 * bytes[i + 7]!;
      const length = 8 + widthBytes * height;
      if (i + length > bytes.length) return null;
      return { token: { type: 'rasterImage', widthBytes, height, data: bytes.slice(i + 8, i + length) }, length };
    }
    case 0x2a: {
      // GS * x y d…: downloaded bit image
      if (i + 4 > bytes.length) return null;
      const length = 4 + bytes[i + 2]! * bytes[i + 3]! * 8;
      return i + length > bytes.length ? null : { token: { type: 'ignored', command: 'GS *' }, length };
    }
    default: {
      const length = GS_FIXED[command] ?? 2;
      return i + length > bytes.length ? null : { token: { type: 'ignored', command: `GS ${hex(command)}` }, length };
    }
  }
}

/** GS ( x pL pH …: length-prefixed functions; GS ( k cn=49 carries the QR code. */
function gsParenToken(bytes: Uint8Array, i: number): Step {
  if (i + 5 > bytes.length) return null;
  const length = 5 + bytes[i + 3]! + 256 * bytes[i + 4]!;
  if (i + length > bytes.length) return null;
  const sub = bytes[i + 2];
  const cn = bytes[i + 5];
  const fn = bytes[i + 6];
  if (sub === 0x6b && cn === 0x31) {
    if (fn === 0x41) return { token: { type: 'qrModel', model: bytes[i + 7]! - 0x30 }, length };
    if (fn === 0x43) return { token: { type: 'qrCellSize', size: bytes[i + 7]! }, length };
    if (fn === 0x50) return { token: { type: 'qrStore', data: bytes.slice(i + 8, i + length) }, length };
    if (fn === 0x51) return { token: { type: 'qrPrint' }, length };
  }
  return { token: { type: 'ignored', command: `GS ( ${hex(sub)} ${hex(cn)} ${hex(fn)}` }, length };
}

/** GS k m …: barcode data, NUL-terminated (m 0–6) or with a length byte (m 65–79). */
function barcodeToken(bytes: Uint8Array, i: number): Step {
  const m = bytes[i + 2];
  if (m === undefined) return null;
  if (m <= 6) {
    const end = bytes.indexOf(NUL, i + 3);
    return end < 0 ? null : { token: { type: 'barcode', data: bytes.slice(i + 3, end) }, length: end + 1 - i };
  }
  const n = bytes[i + 3];
  if (n === undefined || i + 4 + n > bytes.length) return null;
  return { token: { type: 'barcode', data: bytes.slice(i + 4, i + 4 + n) }, length: 4 + n };
}

function hex(b: number | undefined): string {
  return b === undefined ? '??' : b.toString(16).padStart(2, '0');
}
