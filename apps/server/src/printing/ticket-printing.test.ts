import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newRequestId, type IssuedTicket } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';
import { printerHealthPoll } from './printing-feature';
import { createTicketPrinting } from './ticket-printing';

let printer: VirtualPrinter;
let branch: Branch;

beforeAll(async () => {
  printer = await startVirtualPrinter({ port: 0, httpPort: 0 });
  branch = await startBranch({ printing: (ctx) => createTicketPrinting(ctx, { statusTimeoutMs: 500 }) });
});
afterAll(async () => {
  await branch.stop();
  await printer.close();
});
afterEach(() => printer.setMode('ok'));

async function kioskPrintingTo(printerUrl: string | null) {
  const { id, token } = branch.enrolDevice('kiosk', `Kiosk ${Math.random().toString(36).slice(2, 7)}`, printerUrl);
  return { id, socket: await branch.connect({ token }) };
}

const deviceEvents = (deviceId: string) =>
  branch.ctx.db.prepare('SELECT type, data FROM device_events WHERE device_id = ? ORDER BY id').all(deviceId) as { type: string; data: string }[];

describe('printing through the server', () => {
  it('prints the issued ticket on the kiosk printer: number, service, QR of the status URL, cut', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    const before = printer.tickets().length;
    const result = await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'pl' });
    expect(result.ok).toBe(true);
    const issued = (result as { ok: true; data: IssuedTicket }).data;
    expect(issued.print).toEqual({ status: 'printed' });

    const ticket = await printer.waitForTicket(before + 1);
    expect(ticket.lines).toContain(issued.ticket.displayNumber);
    expect(ticket.lines).toContain('Kasa i płatności');
    expect(ticket.qrCodes).toEqual([issued.statusUrl]);
    expect(ticket.cut).toBe(true);
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('ok');
  });

  it('issues no number when the paper is out, and records the device health the manager sees', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    printer.setMode('paper_out');
    const before = printer.tickets().length;
    const waitingBefore = branch.ctx.state().tickets.size;
    const result = await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } });
    expect(branch.ctx.state().tickets.size).toBe(waitingBefore);
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('paper_out');
    expect(deviceEvents(kiosk.id).map((e) => JSON.parse(e.data).health)).toContain('paper_out');

    printer.setMode('ok');
    const after = await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv' });
    expect(after.ok).toBe(true);
    await printer.waitForTicket(before + 1);
    expect(printer.tickets()).toHaveLength(before + 1);
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('ok');
  });

  it('reports cover open and offline as such', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    const printing = createTicketPrinting(branch.ctx, { statusTimeoutMs: 500 });
    printer.setMode('cover_open');
    expect(await printing.check(kiosk.id)).toBe('cover_open');
    printer.setMode('offline');
    expect(await printing.check(kiosk.id)).toBe('offline');
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('offline');
  });

  it('returns failed, never throws, and records the event when the printer goes away after the number was issued', async () => {
    const gone = await startVirtualPrinter({ port: 0 });
    const kiosk = await kioskPrintingTo(gone.printerUrl);
    await gone.close();
    const printing = createTicketPrinting(branch.ctx, { statusTimeoutMs: 300, printTimeoutMs: 500 });
    const issued = await branch.request(
      (await kioskPrintingTo(null)).socket,
      'ticket:issue',
      { requestId: newRequestId(), serviceId: 'cash', language: 'en' },
    );
    const { print: _print, ...toPrint } = (issued as { ok: true; data: IssuedTicket }).data;
    const outcome = await printing.print(kiosk.id, toPrint, branch.ctx.config());
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/offline/);
    expect(deviceEvents(kiosk.id).at(-1)?.type).toBe('printer_health');
  });

  it('leaves kiosks without a printer address to print themselves', async () => {
    const kiosk = await kioskPrintingTo(null);
    const result = await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect((result as { ok: true; data: IssuedTicket }).data.print).toEqual({ status: 'by-device' });
  });
});

describe('printer health poll', () => {
  it("records a kiosk printer's change of health without a ticket being issued", async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    const poll = printerHealthPoll(branch.ctx, 60_000);
    try {
      printer.setMode('cover_open');
      await poll.pollOnce();
      expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('cover_open');
      printer.setMode('ok');
      await poll.pollOnce();
      expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('ok');
      expect(deviceEvents(kiosk.id).map((e) => JSON.parse(e.data).health)).toEqual(['cover_open', 'ok']);
    } finally {
      poll.stop();
    }
  });
});
