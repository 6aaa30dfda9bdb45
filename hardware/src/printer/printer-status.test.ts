import { describe, expect, it } from 'vitest';
import { autoStatusBlock, statusReply, VIRTUAL_PRINTER_STATES } from '../virtual-printer/status-replies';
import { healthOf, parsePrinterStatus, StatusByte } from './printer-status';
import { StatusStream } from './status-stream';

describe('DLE EOT status replies (n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensor)', () => {
  it.each([
    ['ok: online, no cause, no error, paper present', [0x12, 0x12, 0x12, 0x12], 'ok'],
    ['paper near end is a warning, distinct from out of paper', [0x12, 0x12, 0x12, 0x1e], 'paper_near_end'],
    ['paper end on the roll sensor', [0x1a, 0x32, 0x12, 0x7e], 'paper_out'],
    ['paper end only from the offline cause', [0x1a, 0x32, 0x12, 0x12], 'paper_out'],
    ['cover open', [0x1a, 0x16, 0x12, 0x12], 'cover_open'],
    ['offline with an error', [0x1a, 0x52, 0x12, 0x12], 'offline'],
    ['offline without a named cause', [0x1a, 0x12, 0x12, 0x12], 'offline'],
    ['an autocutter error while online (the ticket was not cut)', [0x12, 0x12, 0x1a, 0x12], 'offline'],
    ['an unrecoverable error', [0x12, 0x12, 0x32, 0x12], 'offline'],
    ['a byte with fixed bits wrong is no status', [0x12, 0x12, 0x12, 0xff], 'unknown'],
    ['a zero byte is no status', [0x00, 0x12, 0x12, 0x12], 'unknown'],
    ['too few replies', [0x12, 0x12, 0x12], 'unknown'],
    ['too many replies', [0x12, 0x12, 0x12, 0x12, 0x12], 'unknown'],
  ] as const)('%s', (_, replies, health) => {
    expect(parsePrinterStatus(replies)).toBe(health);
  });

  it('accepts exactly the bytes with bits 1 and 4 set and 0 and 7 clear', () => {
    const valid = Array.from({ length: 256 }, (_, b) => b).filter((b) => StatusByte.safeParse(b).success);
    expect(valid).toHaveLength(16);
    expect(valid.every((b) => (b & 0x12) === 0x12 && (b & 0x81) === 0)).toBe(true);
  });

  const expected = { ok: 'ok', near_end: 'paper_near_end', paper_out: 'paper_out', cover_open: 'cover_open', offline: 'offline' } as const;
  it.each(VIRTUAL_PRINTER_STATES)('the virtual printer in state %s answers what the parser reads back', (state) => {
    expect(parsePrinterStatus([1, 2, 3, 4].map((kind) => statusReply(state, kind)))).toBe(expected[state]);
  });

  it.each(VIRTUAL_PRINTER_STATES)('its automatic status block in state %s says the same as its DLE EOT replies', (state) => {
    const stream = new StatusStream();
    stream.push(autoStatusBlock(state));
    expect(stream.garbled).toBe(false);
    expect(stream.autoStatus.map(healthOf)).toEqual([expected[state]]);
  });
});

describe('the status stream a job reads back', () => {
  it('tells automatic status blocks (GS a) from DLE EOT replies, however the bytes are split', () => {
    const bytes = [...autoStatusBlock('ok'), 0x12, 0x12, ...autoStatusBlock('near_end'), 0x12, 0x1e];
    for (let split = 0; split <= bytes.length; split++) {
      const stream = new StatusStream();
      stream.push(Uint8Array.from(bytes.slice(0, split)));
      stream.push(Uint8Array.from(bytes.slice(split)));
      expect(stream.replies).toEqual([0x12, 0x12, 0x12, 0x1e]);
      expect(stream.autoStatus.map(healthOf)).toEqual(['ok', 'paper_near_end']);
      expect(stream.garbled).toBe(false);
    }
  });

  it('believes nothing once a byte is neither a reply nor a block', () => {
    const stream = new StatusStream();
    stream.push(Uint8Array.from([0x12, 0x41, 0x12, 0x12, 0x12]));
    expect(stream.garbled).toBe(true);
    expect(stream.replies).toEqual([0x12]);
  });

  it('refuses a block whose later bytes break the pattern', () => {
    const stream = new StatusStream();
    stream.push(Uint8Array.from([0x10, 0x00, 0x90, 0x00]));
    expect(stream.garbled).toBe(true);
    expect(stream.autoStatus).toEqual([]);
  });
});
