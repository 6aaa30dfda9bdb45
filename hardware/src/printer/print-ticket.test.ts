import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoBranchConfig } from '@rinda/shared';
import { decodeEscPos } from '../virtual-printer/decode-esc-pos';
import { printTicket } from './print-ticket';
import { parsePrinterTarget } from './printer-target';
import { readPrinterStatus } from './read-printer-status';
import { sampleIssuedTicket } from './sample-ticket';

const dir = mkdtempSync(join(tmpdir(), 'rinda-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('printing to a device file', () => {
  it('writes the whole ticket as ESC/POS into the file', async () => {
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    const issued = sampleIssuedTicket({ language: 'lt', displayNumber: 'B042', serviceId: 'accounts' });
    // A device file cannot answer: printed, but not confirmed.
    expect(await printTicket({ issued, config: demoBranchConfig, profile: { paperWidthMm: 58 } }, `file:${path}`)).toEqual({ printed: true, confirmed: false, health: 'unknown' });
    const [ticket, ...rest] = decodeEscPos(readFileSync(path));
    expect(rest).toEqual([]);
    expect(ticket!.lines).toContain('B042');
    expect(ticket!.lines).toContain('Jūsų numeris');
    expect(ticket!.qrCodes).toEqual([issued.statusUrl]);
    expect(ticket!.cut).toBe(true);
  });

  it('cannot read paper or cover state from a file, and calls a missing one offline', async () => {
    const path = join(dir, 'present');
    writeFileSync(path, '');
    expect(await readPrinterStatus(`file:${path}`)).toBe('unknown');
    expect(await readPrinterStatus(`file:${join(dir, 'missing')}`)).toBe('offline');
  });
});

describe('printer addresses', () => {
  it.each([
    ['tcp://127.0.0.1:9100', { kind: 'tcp', host: '127.0.0.1', port: 9100 }],
    ['tcp://printer.local', { kind: 'tcp', host: 'printer.local', port: 9100 }],
    ['tcp://[::1]:9101', { kind: 'tcp', host: '::1', port: 9101 }],
    ['file:/dev/usb/lp0', { kind: 'file', path: '/dev/usb/lp0' }],
    ['printer:TM_T20', { kind: 'printer', name: 'TM_T20' }],
  ])('reads %s', (url, target) => {
    expect(parsePrinterTarget(url)).toEqual(target);
  });

  it.each(['http://127.0.0.1:9100', 'tcp://host:99999', 'file:relative/path', 'printer:', 'printer:a b', '/dev/usb/lp0'])('refuses %s', (url) => {
    expect(() => parsePrinterTarget(url)).toThrow(/printer/);
  });
});
