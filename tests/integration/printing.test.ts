import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { createTicketPrinting } from '../../apps/server/src/printing/ticket-printing';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { rowCounts } from './db-counts';

describe('ticket:issue through the server’s printer', () => {
  let printer: VirtualPrinter;
  let branch: Branch;
  let kiosk: BranchSocket;
  beforeEach(async () => {
    printer = await startVirtualPrinter({ port: 0 });
    branch = await startBranch({ printing: (ctx) => createTicketPrinting(ctx) });
    kiosk = await branch.connect({ token: branch.enrolDevice('kiosk', 'Lobby kiosk', printer.printerUrl).token });
  });
  afterEach(async () => {
    await branch.stop();
    await printer.close();
  });

  it('prints the ticket it acknowledges, and a replay neither prints nor issues again', async () => {
    const payload = { requestId: newRequestId(), serviceId: 'cash', language: 'lv' } as const;
    const ack = await branch.request(kiosk, 'ticket:issue', payload);
    expect(ack).toMatchObject({ ok: true, data: { print: { status: 'printed' }, ticket: { displayNumber: 'A001' } } });
    await printer.waitForTicket(1);
    const replay = await branch.request(kiosk, 'ticket:issue', payload);
    expect(replay).toEqual(ack);
    expect(printer.tickets()).toHaveLength(1);
    expect(rowCounts(branch).tickets).toBe(1);
  });

  it('issues no number while the printer is out of paper', async () => {
    printer.setMode('paper_out');
    const before = rowCounts(branch);
    const ack = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } });
    expect(rowCounts(branch)).toEqual(before);
    expect(printer.tickets()).toHaveLength(0);
  });
});

describe('a print job left pending by a server that stopped before printing', () => {
  let printer: VirtualPrinter;
  let branch: Branch;
  /** The first fresh print never happens, as if the server died right after the commit. */
  let stopBeforePrint = true;
  beforeEach(async () => {
    printer = await startVirtualPrinter({ port: 0 });
    stopBeforePrint = true;
    branch = await startBranch({
      clock: 'manual',
      startAt: Date.UTC(2026, 2, 3, 9, 0),
      printing: (ctx) => {
        const printing = createTicketPrinting(ctx);
        return {
          ...printing,
          settle: (issued, config, options) => (stopBeforePrint && !options.checkFirst ? new Promise(() => {}) : printing.settle(issued, config, options)),
        };
      },
    });
  });
  afterEach(async () => {
    await branch.stop();
    await printer.close();
  });

  async function issueAndRestart() {
    const { token } = branch.enrolDevice('kiosk', 'Lobby kiosk', printer.printerUrl);
    const kiosk = await branch.connect({ token });
    const payload = { requestId: newRequestId(), serviceId: 'cash', language: 'en' } as const;
    const unanswered = branch.request(kiosk, 'ticket:issue', payload, 300);
    expect(await unanswered).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await branch.restart();
    stopBeforePrint = false;
    return { kiosk: await branch.connect({ token }), payload };
  }

  it('is printed on the replay, once, while the customer is still there', async () => {
    const { kiosk, payload } = await issueAndRestart();
    branch.clock.advance(30_000);
    const ack = await branch.request(kiosk, 'ticket:issue', payload);
    expect(ack).toMatchObject({ ok: true, data: { print: { status: 'printed' } } });
    expect(await branch.request(kiosk, 'ticket:issue', payload)).toEqual(ack);
    await printer.waitForTicket(1);
    expect(printer.tickets()).toHaveLength(1);
  });

  it('is reported failed on a replay minutes later, and nothing reaches the paper', async () => {
    const { kiosk, payload } = await issueAndRestart();
    branch.clock.advance(3 * 60_000);
    const ack = await branch.request(kiosk, 'ticket:issue', payload);
    expect(ack).toMatchObject({ ok: true, data: { print: { status: 'failed', message: 'not printed: the server stopped before printing, 180 s ago' } } });
    expect(printer.tickets()).toEqual([]);
    expect(printer.uncutPaper()).toBeNull();
  });
});
