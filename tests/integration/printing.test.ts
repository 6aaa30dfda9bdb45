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
