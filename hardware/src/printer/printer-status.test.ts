import { describe, expect, it } from 'vitest';
import { VIRTUAL_PRINTER_MODES, statusReply } from '../virtual-printer/status-replies';
import { parsePrinterStatus, StatusByte } from './printer-status';

describe('DLE EOT status replies', () => {
  it.each([
    ['ok: online, no cause, paper present', [0x12, 0x12, 0x12], 'ok'],
    ['paper near end still prints', [0x12, 0x12, 0x1e], 'ok'],
    ['paper end on the roll sensor', [0x1a, 0x32, 0x7e], 'paper_out'],
    ['paper end only from the offline cause', [0x1a, 0x32, 0x12], 'paper_out'],
    ['cover open', [0x1a, 0x16, 0x12], 'cover_open'],
    ['offline with an error', [0x1a, 0x52, 0x12], 'offline'],
    ['offline without a named cause', [0x1a, 0x12, 0x12], 'offline'],
    ['a byte with fixed bits wrong is no status', [0x12, 0x12, 0xff], 'unknown'],
    ['a zero byte is no status', [0x00, 0x12, 0x12], 'unknown'],
    ['too few replies', [0x12, 0x12], 'unknown'],
    ['too many replies', [0x12, 0x12, 0x12, 0x12], 'unknown'],
  ] as const)('%s', (_, replies, health) => {
    expect(parsePrinterStatus(replies)).toBe(health);
  });

  it('accepts exactly the bytes with bits 1 and 4 set and 0 and 7 clear', () => {
    const valid = Array.from({ length: 256 }, (_, b) => b).filter((b) => StatusByte.safeParse(b).success);
    expect(valid).toHaveLength(16);
    expect(valid.every((b) => (b & 0x12) === 0x12 && (b & 0x81) === 0)).toBe(true);
  });

  it.each(VIRTUAL_PRINTER_MODES)('the virtual printer in mode %s answers what the parser reads back', (mode) => {
    expect(parsePrinterStatus([statusReply(mode, 1), statusReply(mode, 2), statusReply(mode, 4)])).toBe(mode);
  });
});
