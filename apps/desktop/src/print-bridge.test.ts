import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { demoBranchConfig } from '@rinda/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrintBridge } from './print-bridge';
import { createPrintedTicketLedger } from './printed-ticket-ledger';
import { parseShellConfig } from './shell-config';
import { createShellPrinter } from './shell-printer';
import { issuedTicket } from './test-support/issued-ticket';

// The bridge end to end in Node: bridge → @rinda/hardware printTicket → real ESC/POS over TCP → the virtual
// printer, which decodes what came out of it.
const silent = { info: () => undefined, warn: () => undefined };
let printer: VirtualPrinter;

beforeEach(async () => {
  printer = await startVirtualPrinter({ port: 0, paperWidth: 58 });
});
afterEach(async () => {
  await printer.close();
});

function bridgeFor(target: string) {
  const config = parseShellConfig(JSON.stringify({ role: 'kiosk', server: 'http://127.0.0.1:8080', deviceToken: 'x'.repeat(32), printer: target, paperWidthMm: 58 }), 'shell.json');
  return createPrintBridge({ printer: createShellPrinter(config), ledger: createPrintedTicketLedger(), log: silent });
}

describe('print bridge with the virtual printer', () => {
  it('prints the ticket: number, branch, QR of the status page, cut', async () => {
    const bridge = bridgeFor(printer.printerUrl);
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000001', 'B007'), demoBranchConfig)).toEqual({ ok: true });
    const ticket = await printer.waitForTicket(1);
    expect(ticket.lines).toContain('B007');
    expect(ticket.text).toContain('Rīga Centrs');
    expect(ticket.qrCodes).toEqual(['http://127.0.0.1:8080/t/ticket-id-0000000001']);
    expect(ticket.cut).toBe(true);
  });

  it('never prints one ticket id twice, even when asked twice at once', async () => {
    const bridge = bridgeFor(printer.printerUrl);
    const both = await Promise.all([bridge.printTicket(issuedTicket('ticket-id-0000000002'), demoBranchConfig), bridge.printTicket(issuedTicket('ticket-id-0000000002'), demoBranchConfig)]);
    expect(both).toContainEqual({ ok: true });
    expect(both).toContainEqual({ ok: false, reason: 'already-printed' });
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000002'), demoBranchConfig)).toEqual({ ok: false, reason: 'already-printed' });
    await printer.waitForTicket(1);
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000003', 'A024'), demoBranchConfig)).toEqual({ ok: true });
    const second = await printer.waitForTicket(2);
    expect(second.lines).toContain('A024');
    expect(printer.tickets()).toHaveLength(2);
  });

  it("reports the printer's paper-out state and sends it no job, so a refill prints no backlog", async () => {
    const bridge = bridgeFor(printer.printerUrl);
    expect(await bridge.printerStatus()).toBe('ok');
    printer.setMode('paper_out');
    expect(await bridge.printerStatus()).toBe('paper_out');
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000004'), demoBranchConfig)).toEqual({ ok: false, reason: 'paper_out' });
    printer.setMode('ok');
    expect(await bridge.printerStatus()).toBe('ok');
    expect(printer.tickets()).toEqual([]);
    expect(printer.droppedJobs()).toBe(0);
    // Nothing came out, so the same ticket may still be printed once the paper is back.
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000004'), demoBranchConfig)).toEqual({ ok: true });
    expect((await printer.waitForTicket(1)).qrCodes).toEqual(['http://127.0.0.1:8080/t/ticket-id-0000000004']);
  });

  it('refuses what is not a ticket and a branch config, printing nothing', async () => {
    const bridge = bridgeFor(printer.printerUrl);
    const bad = await bridge.printTicket({ ticket: { id: 'x' } }, demoBranchConfig);
    expect(bad).toMatchObject({ ok: false, reason: 'invalid-ticket' });
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000005'), { branch: { name: 'x' } })).toMatchObject({ ok: false, reason: 'invalid-ticket', message: expect.stringMatching(/^branch\./) });
    expect(printer.tickets()).toEqual([]);
    // The refused call did not use up the id.
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000005'), demoBranchConfig)).toEqual({ ok: true });
  });

  it('says offline when the printer cannot be reached', async () => {
    // Nothing listens on port 1 of this machine.
    const bridge = bridgeFor('tcp://127.0.0.1:1');
    expect(await bridge.printerStatus()).toBe('offline');
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000006'), demoBranchConfig)).toEqual({ ok: false, reason: 'offline' });
  });

  it('has no printer when configured with none', async () => {
    const bridge = bridgeFor('none');
    expect(await bridge.printerStatus()).toBe('none');
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000007'), demoBranchConfig)).toEqual({ ok: false, reason: 'no-printer' });
  });
});

describe('print bridge: a ticket printed only when the printer confirms it', () => {
  it('reports paper out mid-ticket as a failure, and feeds and cuts before the next ticket', async () => {
    const bridge = bridgeFor(printer.printerUrl);
    printer.setMode('paper_out_mid_job');
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000010', 'A010'), demoBranchConfig)).toMatchObject({ ok: false, reason: 'paper_out' });
    printer.setMode('ok');
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000011', 'A011'), demoBranchConfig)).toEqual({ ok: true });
    const [half, next] = [await printer.waitForTicket(1), await printer.waitForTicket(2)];
    expect(half.lines).toContain('A010');
    expect(next.lines).toContain('A011');
    expect(next.lines).not.toContain('A010');
  });

  it('reports a printer that never confirms as failed, and keeps the ticket id spent', async () => {
    const bridge = bridgeFor(printer.printerUrl);
    printer.setMode('silent');
    // The status read before printing gets no answer either: unknown does not stop a kiosk, the confirmation does.
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000012'), demoBranchConfig)).toMatchObject({ ok: false, reason: 'failed', message: expect.stringMatching(/did not confirm/) });
    printer.setMode('ok');
    expect(await bridge.printTicket(issuedTicket('ticket-id-0000000012'), demoBranchConfig)).toEqual({ ok: false, reason: 'already-printed' });
  });
});
