import { describe, expect, it } from 'vitest';
import { demoBranchConfig, type IssuedTicket, type PrinterHealth, type ShellApi, type ShellPrintResult } from '@rinda/shared';
import { shellPrinter } from './printer.shell';

// The Electron preload cannot run here (no Electron binary): a ShellApi object stands in for it.
function shell(options: { hasPrinter: boolean; health?: PrinterHealth; result?: ShellPrintResult | Error }) {
  const printed: IssuedTicket[] = [];
  const api: ShellApi = {
    deviceInfo: async () => ({ role: 'kiosk', serverUrl: 'http://127.0.0.1', version: '0', hasPrinter: options.hasPrinter }),
    printerStatus: async () => options.health ?? 'ok',
    printTicket: async (issued) => {
      printed.push(issued);
      if (options.result instanceof Error) throw options.result;
      return options.result ?? { ok: true };
    },
  };
  return { api, printed };
}

const config = demoBranchConfig;
const issued = (status: 'printed' | 'failed' | 'by-device') => ({ ticket: { id: 't1' }, print: { status } }) as IssuedTicket;

describe('printing inside the Electron shell', () => {
  it('is ready unless its own printer reports paper out, cover open or offline', async () => {
    // 'unknown' is all a USB or system printer can say: refusing it would stop such a kiosk for good.
    for (const health of ['ok', 'unknown'] as const)
      expect(await shellPrinter(shell({ hasPrinter: true, health }).api).isReady(), health).toBe(true);
    for (const health of ['paper_out', 'cover_open', 'offline'] as const)
      expect(await shellPrinter(shell({ hasPrinter: true, health }).api).isReady(), health).toBe(false);
  });

  it('leaves printing to the server when the shell has no printer', async () => {
    const s = shell({ hasPrinter: false, health: 'offline' });
    expect(await shellPrinter(s.api).isReady()).toBe(true);
    expect(await shellPrinter(s.api).print(issued('printed'), config)).toEqual({ status: 'printed' });
    expect(s.printed).toHaveLength(0);
  });

  it('prints a ticket the server left to the device, once', async () => {
    const s = shell({ hasPrinter: true });
    expect(await shellPrinter(s.api).print(issued('by-device'), config)).toEqual({ status: 'printed' });
    expect(s.printed).toHaveLength(1);
  });

  it('counts an already printed ticket (a retried choice) as printed, and reports a failure as failed', async () => {
    expect(await shellPrinter(shell({ hasPrinter: true, result: { ok: false, reason: 'already-printed' } }).api).print(issued('by-device'), config)).toEqual({
      status: 'printed',
    });
    expect(await shellPrinter(shell({ hasPrinter: true, result: { ok: false, reason: 'paper_out' } }).api).print(issued('by-device'), config)).toEqual({
      status: 'failed',
      message: 'paper_out',
    });
    expect(await shellPrinter(shell({ hasPrinter: true, result: new Error('USB gone') }).api).print(issued('by-device'), config)).toEqual({
      status: 'failed',
      message: 'USB gone',
    });
  });
});
