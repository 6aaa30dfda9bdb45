import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, TicketDecoder } from './decode-esc-pos';
import { tokenize } from './esc-pos-tokenizer';

const ESC = 0x1b;
const GS = 0x1d;
const bytes = (...parts: (number[] | Buffer | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const qrStore = (data: string) => {
  const payload = Buffer.from(data);
  const length = payload.length + 3;
  return bytes([GS, 0x28, 0x6b, length % 256, Math.floor(length / 256), 0x31, 0x50, 0x30], payload);
};
const QR_PRINT = [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30];
const CUT = [GS, 0x56, 0x00];

describe('decodeEscPos', () => {
  it('reads text in the selected code page: Windows-1257 for Baltic and Polish letters', () => {
    const text = 'ā č ē ģ ī ķ ļ ņ š ū ž ą ę ė į ų ł ó ś ź ż ć ń';
    const [ticket] = decodeEscPos(bytes([ESC, 0x74, 51], iconv.encode(text, 'win1257'), [0x0a], CUT));
    expect(ticket!.lines).toEqual([text]);
    expect(ticket!.codePages).toEqual([51]);
  });

  it('reads Cyrillic in Windows-1251 and PC866, switching tables mid-line', () => {
    const [ticket] = decodeEscPos(
      bytes([ESC, 0x74, 46], iconv.encode('Ґ і ї є ', 'win1251'), [ESC, 0x74, 17], iconv.encode('Щука', 'cp866'), [0x0a], CUT),
    );
    expect(ticket!.lines).toEqual(['Ґ і ї є Щука']);
    expect(ticket!.codePages).toEqual([46, 17]);
  });

  it('starts in PC437 and returns to it after ESC @', () => {
    const [first, second] = decodeEscPos(
      bytes([ESC, 0x74, 46], [0xc0, 0x0a], CUT, [ESC, 0x40], [0x82, 0x0a], CUT),
    );
    expect(first!.lines).toEqual(['А']);
    expect(second!.lines).toEqual(['é']);
  });

  it('marks an unknown code page instead of guessing letters', () => {
    const [ticket] = decodeEscPos(bytes([ESC, 0x74, 99], 'ok ', [0xe0, 0x0a]));
    expect(ticket!.lines).toEqual(['ok \ufffd']);
  });

  it('keeps bold, alignment and character size per line', () => {
    const [ticket] = decodeEscPos(
      bytes([ESC, 0x61, 1], [ESC, 0x45, 1], [GS, 0x21, 0x77], 'A023', [0x0a], [GS, 0x21, 0x00], [ESC, 0x45, 0], [ESC, 0x61, 0], 'plain', [0x0a], [ESC, 0x21, 0x30], [ESC, 0x61, 2], 'wide', [0x0a], CUT),
    );
    const [big, plain, wide] = ticket!.items;
    expect(big).toEqual({ kind: 'text', text: 'A023', bold: true, underline: false, align: 'center', width: 8, height: 8 });
    expect(plain).toMatchObject({ text: 'plain', bold: false, align: 'left', width: 1, height: 1 });
    expect(wide).toMatchObject({ text: 'wide', align: 'right', width: 2, height: 2 });
  });

  it('takes the QR payload from GS ( k and prints it where GS ( k … Q puts it', () => {
    const url = 'http://192.168.1.10:8080/t/AbCdEfGhIjKlMnOp';
    const [ticket] = decodeEscPos(
      bytes('top', [0x0a], [GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00], [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06], qrStore(url), QR_PRINT, 'bottom', [0x0a], CUT),
    );
    expect(ticket!.qrCodes).toEqual([url]);
    expect(ticket!.items.map((i) => i.kind)).toEqual(['text', 'qr', 'text']);
    expect(ticket!.items[1]).toEqual({ kind: 'qr', data: url, cellSize: 6 });
  });

  it('reads a QR payload longer than 255 bytes (two length bytes)', () => {
    const long = `http://x/${'a'.repeat(300)}`;
    expect(decodeEscPos(bytes(qrStore(long), QR_PRINT, CUT))[0]!.qrCodes).toEqual([long]);
  });

  it('ends a ticket at each cut (full or partial) and reports one without a cut', () => {
    const tickets = decodeEscPos(bytes('one', [0x0a], CUT, 'two', [0x0a], [GS, 0x56, 0x01], 'three', [0x0a]));
    expect(tickets.map((t) => [t.text, t.cut])).toEqual([
      ['one', true],
      ['two', true],
      ['three', false],
    ]);
  });

  it('prints nothing for a stream of status requests and settings only', () => {
    expect(decodeEscPos(bytes([0x10, 0x04, 1], [0x10, 0x04, 4], [ESC, 0x40], [ESC, 0x74, 51]))).toEqual([]);
  });

  it('turns ESC d n into blank lines and skips barcodes and images without losing its place', () => {
    const [ticket] = decodeEscPos(
      bytes('a', [0x0a], [ESC, 0x64, 2], [GS, 0x6b, 73, 3], 'XYZ', [GS, 0x76, 0x30, 0, 1, 0, 2, 0, 0xff, 0x00], 'b', [0x0a], CUT),
    );
    expect(ticket!.lines).toEqual(['a', 'b']);
    expect(ticket!.items.map((i) => i.kind)).toEqual(['text', 'text', 'text', 'image', 'text']);
  });
});

describe('tokenize', () => {
  it('leaves a command cut off at the end of a chunk for the next one', () => {
    const stream = bytes('ab', qrStore('http://q'));
    const head = tokenize(stream.subarray(0, 6));
    expect(head.consumed).toBe(2);
    const tail = tokenize(stream.subarray(head.consumed));
    expect(tail.tokens.map((t) => t.type)).toEqual(['qrStore']);
    expect(tail.tokens[0]!.type === 'qrStore' && Buffer.from(tail.tokens[0]!.data).toString()).toBe('http://q');
  });

  it('sees DLE EOT status requests', () => {
    expect(tokenize(bytes([0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 4])).tokens).toEqual([
      { type: 'statusRequest', kind: 1 },
      { type: 'statusRequest', kind: 2 },
      { type: 'statusRequest', kind: 4 },
    ]);
  });
});

describe('decoder robustness', () => {
  it('never throws on arbitrary bytes, and a stream split anywhere decodes as it does whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), (data, split) => {
        const whole = decodeEscPos(data);
        const at = split % (data.length + 1);
        const decoder = new TicketDecoder();
        const first = tokenize(data.subarray(0, at));
        const second = tokenize(Buffer.concat([data.subarray(first.consumed, at), data.subarray(at)]));
        const pieces = [...decoder.feed(first.tokens), ...decoder.feed(second.tokens)];
        const rest = decoder.finish();
        expect(rest ? [...pieces, rest] : pieces).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
