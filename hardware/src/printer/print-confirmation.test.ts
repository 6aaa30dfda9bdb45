import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoBranchConfig } from '@rinda/shared';
import { decodeEscPos } from '../virtual-printer/decode-esc-pos';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual-printer/virtual-printer';
import { printTicket, ticketBytes } from './print-ticket';
import { readPrinterStatus } from './read-printer-status';
import { sampleIssuedTicket } from './sample-ticket';
import { buildTicketLayout } from './ticket-layout';

const config = demoBranchConfig;
const ticket = (displayNumber: string, language: 'lv' | 'ru' | 'en' = 'lv') => sampleIssuedTicket({ displayNumber, language });
let printer: VirtualPrinter;

beforeEach(async () => {
  printer = await startVirtualPrinter({ port: 0 });
});
afterEach(() => printer.close());

/** The lines a whole ticket prints, from its layout (a rule is a row of dashes). */
function linesOf(displayNumber: string, language: 'lv' | 'ru' | 'en' = 'lv'): string[] {
  const layout = buildTicketLayout(ticket(displayNumber, language), config, language, { paperWidthMm: 80, codePages: ['WPC1257', 'WPC1251'], qr: true });
  return layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : l.kind === 'rule' ? ['-'.repeat(layout.columns)] : []));
}

describe('a ticket counts as printed only when the printer confirms it after the cut', () => {
  it('is printed and confirmed when the printer answers paper present and no error', async () => {
    expect(await printTicket({ issued: ticket('A001'), config }, printer.printerUrl)).toEqual({ printed: true, confirmed: true, health: 'ok' });
    expect((await printer.waitForTicket(1)).lines).toEqual(linesOf('A001'));
  });

  it('is printed with a near-end warning when the near-end sensor is on', async () => {
    printer.setMode('near_end');
    expect(await printTicket({ issued: ticket('A002'), config }, printer.printerUrl)).toEqual({ printed: true, confirmed: true, health: 'paper_near_end' });
    expect((await printer.waitForTicket(1)).lines).toContain('A002');
  });

  it('fails when the printer resets part-way through, and leaves the half ticket uncut', async () => {
    printer.setMode('reset_mid_job');
    const report = await printTicket({ issued: ticket('A003'), config }, printer.printerUrl);
    expect(report).toMatchObject({ printed: false, health: 'offline', reachedPrinter: true });
    expect(!report.printed && report.reason).toMatch(/broke during the ticket|closed the connection/);
    expect(printer.tickets()).toEqual([]);
    expect(printer.uncutPaper()?.lines).toContain('A003');
    expect(printer.mode()).toBe('ok');
  });

  it('fails when the paper runs out part-way through, and the printer then reports paper out', async () => {
    printer.setMode('paper_out_mid_job');
    const report = await printTicket({ issued: ticket('A004'), config }, printer.printerUrl);
    expect(report).toMatchObject({ printed: false, health: 'paper_out', reachedPrinter: true, reason: 'the printer reported paper out after the ticket' });
    expect(printer.mode()).toBe('paper_out');
    expect(printer.droppedJobs()).toBe(1);
    expect(await readPrinterStatus(printer.printerUrl)).toBe('paper_out');
  });

  it('hears a paper end from automatic status back (GS a) while printing, before the status replies', async () => {
    printer.setMode('paper_out_mid_job');
    const report = await printTicket({ issued: ticket('A005'), config, profile: { autoStatusBack: true } }, printer.printerUrl);
    expect(report).toMatchObject({ printed: false, health: 'paper_out', reason: 'the printer reported paper out while printing' });
  });

  it('is confirmed with automatic status back on when nothing goes wrong', async () => {
    printer.setMode('near_end');
    expect(await printTicket({ issued: ticket('A006'), config, profile: { autoStatusBack: true } }, printer.printerUrl)).toEqual({ printed: true, confirmed: true, health: 'paper_near_end' });
  });

  it('fails, within the bounded wait, when the printer never answers a status request', async () => {
    printer.setMode('silent');
    const report = await printTicket({ issued: ticket('A007'), config }, printer.printerUrl, { confirmTimeoutMs: 150 });
    expect(report).toEqual({ printed: false, health: 'unknown', reachedPrinter: true, reason: 'the printer did not confirm the ticket within 150 ms' });
    expect(await readPrinterStatus(printer.printerUrl, { timeoutMs: 150 })).toBe('unknown');
  });

  it('fails when the printer drops the connection at the first byte, and nothing is printed', async () => {
    printer.setMode('drop_at_first_byte');
    const report = await printTicket({ issued: ticket('A008'), config }, printer.printerUrl);
    expect(report).toMatchObject({ printed: false, health: 'offline', reachedPrinter: true });
    expect(printer.tickets()).toEqual([]);
    expect(printer.uncutPaper()).toBeNull();
  });

  it('fails without reaching the printer when nothing listens at its address', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    expect(await printTicket({ issued: ticket('A009'), config }, `tcp://127.0.0.1:${port}`)).toMatchObject({ printed: false, health: 'offline', reachedPrinter: false });
  });

  it('fails with the cause when the cover is open, and the job is not kept for later', async () => {
    printer.setMode('cover_open');
    expect(await printTicket({ issued: ticket('A010'), config }, printer.printerUrl)).toMatchObject({ printed: false, health: 'cover_open' });
    printer.setMode('ok');
    expect(printer.tickets()).toEqual([]);
    expect(printer.uncutPaper()).toBeNull();
  });
});

describe('no garbage on the next ticket', () => {
  it('begins every job with ESC @', () => {
    expect([...ticketBytes({ issued: ticket('A011'), config }).subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...ticketBytes({ issued: ticket('A011'), config }, { afterFailure: true }).subarray(0, 2)]).toEqual([0x1b, 0x40]);
  });

  it('after a job broken off mid-ticket, feeds and cuts first: the half ticket comes off alone, the next one is whole', async () => {
    printer.setMode('reset_mid_job');
    await printTicket({ issued: ticket('A012'), config }, printer.printerUrl);
    expect(await printTicket({ issued: ticket('A013', 'ru'), config }, printer.printerUrl, { afterFailure: true })).toMatchObject({ printed: true });
    const [half, next] = [await printer.waitForTicket(1), await printer.waitForTicket(2)];
    expect(half.lines).toContain('A012');
    expect(half.lines).not.toContain('A013');
    expect(half.cut).toBe(true);
    expect(next.lines).toEqual(linesOf('A013', 'ru'));
    expect(printer.uncutPaper()).toBeNull();
  });

  it('without that feed and cut, the next ticket would be printed under the half one (what the virtual paper models)', async () => {
    printer.setMode('reset_mid_job');
    await printTicket({ issued: ticket('A014'), config }, printer.printerUrl);
    await printTicket({ issued: ticket('A015'), config }, printer.printerUrl);
    const merged = await printer.waitForTicket(1);
    expect(merged.lines).toContain('A014');
    expect(merged.lines).toContain('A015');
  });

  it('cuts off no blank piece when the failed job never printed anything', async () => {
    expect(await printTicket({ issued: ticket('A016'), config }, printer.printerUrl, { afterFailure: true })).toMatchObject({ printed: true });
    expect((await printer.waitForTicket(1)).lines).toEqual(linesOf('A016'));
    expect(printer.tickets()).toHaveLength(1);
  });
});

describe('printer profiles', () => {
  it('prints the status address as text on a printer without QR codes', async () => {
    const issued = ticket('A017', 'en');
    await printTicket({ issued, config, profile: { qr: false, paperWidthMm: 58 } }, printer.printerUrl);
    const printed = await printer.waitForTicket(1);
    expect(printed.qrCodes).toEqual([]);
    expect(printed.lines.join('')).toContain(issued.statusUrl);
    expect(printed.lines).toContain('Follow your turn on your phone');
    expect(printed.lines.every((line) => line.length <= 32)).toBe(true);
  });

  it('prints a Russian ticket in the profile’s CP866 from start to end', async () => {
    await printTicket({ issued: ticket('A018', 'ru'), config, profile: { codePages: ['WPC1257', 'PC866'] } }, printer.printerUrl);
    const printed = await printer.waitForTicket(1);
    expect(printed.codePages).toEqual([17]);
    expect(printed.lines[0]).toBe('Rinda Bank - Riga Centrs');
    expect(printed.lines).toContain('Касса и платежи');
  });

  it('the bytes of a ticket decode to one code page only', () => {
    const [decoded] = decodeEscPos(ticketBytes({ issued: ticket('A019', 'ru'), config }));
    expect(decoded?.codePages).toEqual([46]);
  });
});
