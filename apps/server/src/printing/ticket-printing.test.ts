import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newRequestId, type IssuedTicket, type Result } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { startBranch, type Branch, type BranchSocket } from '../../../../tests/support/start-branch';
import { printerHealthPoll } from './printing-feature';
import { createTicketPrinting } from './ticket-printing';

let printer: VirtualPrinter;
let branch: Branch;
let teller: BranchSocket;
let manager: BranchSocket;

beforeAll(async () => {
  printer = await startVirtualPrinter({ port: 0, httpPort: 0 });
  branch = await startBranch({ printing: (ctx) => createTicketPrinting(ctx, { statusTimeoutMs: 300, confirmTimeoutMs: 300 }) });
  teller = await branch.connect({ token: await branch.userToken('teller') });
  manager = await branch.connect({ token: await branch.userToken('manager') });
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

const issue = (socket: BranchSocket, requestId = newRequestId()) => branch.request(socket, 'ticket:issue', { requestId, serviceId: 'cash', language: 'en' });
const issuedOf = (result: Result<unknown>) => {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.data as IssuedTicket;
};
const jobOf = (ticketId: string) =>
  branch.ctx.db.prepare('SELECT state, reason FROM print_jobs WHERE ticket_id = ?').get(ticketId) as { state: string; reason: string | null } | undefined;
const deviceEvents = (deviceId: string) =>
  branch.ctx.db.prepare('SELECT type, data FROM device_events WHERE device_id = ? ORDER BY id').all(deviceId) as { type: string; data: string }[];

describe('printing through the server', () => {
  it('prints the issued ticket on the kiosk printer and answers printed once the printer confirmed it', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    const before = printer.tickets().length;
    const issued = issuedOf(await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'pl' }));
    expect(issued.print).toEqual({ status: 'printed' });
    const ticket = await printer.waitForTicket(before + 1);
    expect(ticket.lines).toContain(issued.ticket.displayNumber);
    expect(ticket.lines).toContain('Kasa i płatności');
    expect(ticket.qrCodes).toEqual([issued.statusUrl]);
    expect(jobOf(issued.ticket.id)).toEqual({ state: 'printed', reason: null });
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('ok');
  });

  it('issues no number when the paper is out, and records the device health the manager sees', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    printer.setMode('paper_out');
    const waitingBefore = branch.ctx.state().tickets.size;
    expect(await issue(kiosk.socket)).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } });
    expect(branch.ctx.state().tickets.size).toBe(waitingBefore);
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('paper_out');
    expect(deviceEvents(kiosk.id).map((e) => JSON.parse(e.data).health)).toContain('paper_out');
  });

  it('answers failed with the reason when the printer resets mid-ticket; staff see it at once, and a replay prints nothing more', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    const managerHears = branch.nextEvent(manager, 'device:updated', (m) => m.device.id === kiosk.id && m.device.printer === 'offline');
    const tellerHears = branch.nextEvent(teller, 'device:updated', (m) => m.device.id === kiosk.id && m.device.printer === 'offline');
    printer.setMode('reset_mid_job');
    const requestId = newRequestId();
    const ack = await issue(kiosk.socket, requestId);
    const issued = issuedOf(ack);
    expect(issued.print.status).toBe('failed');
    expect(issued.print.message).toMatch(/broke during the ticket|closed the connection/);
    await Promise.all([managerHears, tellerHears]);
    expect(jobOf(issued.ticket.id)?.state).toBe('failed');
    const printedBefore = printer.tickets().length;
    expect(await issue(kiosk.socket, requestId)).toEqual(ack);
    expect(printer.tickets()).toHaveLength(printedBefore);
    expect(printer.uncutPaper()?.lines).toContain(issued.ticket.displayNumber);
  });

  it('feeds and cuts before the ticket after a failed one, so the half ticket never sits on the next customer’s', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    printer.setMode('reset_mid_job');
    const broken = issuedOf(await issue(kiosk.socket));
    const before = printer.tickets().length;
    const next = issuedOf(await issue(kiosk.socket));
    expect(next.print).toEqual({ status: 'printed' });
    const [half, whole] = [await printer.waitForTicket(before + 1), await printer.waitForTicket(before + 2)];
    expect(half.lines).toContain(broken.ticket.displayNumber);
    expect(half.lines).not.toContain(next.ticket.displayNumber);
    expect(whole.lines[0]).toBe(branch.ctx.config().branch.name);
    expect(whole.lines).toContain(next.ticket.displayNumber);
    expect(whole.lines).not.toContain(broken.ticket.displayNumber);
  });

  it('answers failed, paper out, when the paper runs out mid-ticket; the next customer gets no number', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    printer.setMode('paper_out_mid_job');
    const issued = issuedOf(await issue(kiosk.socket));
    expect(issued.print).toEqual({ status: 'failed', message: 'the printer reported paper out after the ticket' });
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('paper_out');
    expect(await issue(kiosk.socket)).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } });
  });

  it('answers failed, not printed, when the printer never answers a status request', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    printer.setMode('silent');
    const issued = issuedOf(await issue(kiosk.socket));
    expect(issued.print).toEqual({ status: 'failed', message: 'the printer did not confirm the ticket within 300 ms' });
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('unknown');
  });

  it('answers failed when the printer drops the connection at the first byte', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    printer.setMode('drop_at_first_byte');
    const issued = issuedOf(await issue(kiosk.socket));
    expect(issued.print.status).toBe('failed');
    expect(jobOf(issued.ticket.id)?.state).toBe('failed');
  });

  it('prints with a paper-near-end warning that staff see, distinct from out of paper', async () => {
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    const tellerHears = branch.nextEvent(teller, 'device:updated', (m) => m.device.id === kiosk.id && m.device.printer === 'paper_near_end');
    printer.setMode('near_end');
    expect(issuedOf(await issue(kiosk.socket)).print).toEqual({ status: 'printed' });
    await tellerHears;
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('paper_near_end');
    expect(branch.snapshotOf(await branch.connect({ token: await branch.userToken('teller') })).devices.find((d) => d.id === kiosk.id)?.printer).toBe('paper_near_end');
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

  it('leaves kiosks without a printer address to print themselves, with no print job', async () => {
    const kiosk = await kioskPrintingTo(null);
    const issued = issuedOf(await issue(kiosk.socket));
    expect(issued.print).toEqual({ status: 'by-device' });
    expect(jobOf(issued.ticket.id)).toBeUndefined();
  });
});

describe('printer profiles', () => {
  it("lays a kiosk's ticket out for its profile: 58 mm, CP866, the status address as text", async () => {
    const managerToken = await branch.userToken('manager');
    const profiles = (body: unknown) => branch.http('/api/admin/printer-profiles', { method: 'PUT', token: managerToken, body });
    const standard = branch.ctx.config().printerProfiles.standard;
    expect((await profiles({ narrow: { paperWidthMm: 58, codePages: ['WPC1257', 'PC866'], qr: false } })).status).toBe(400);
    expect((await profiles({ standard, narrow: { paperWidthMm: 57 } })).status).toBe(400);
    expect((await profiles({ standard, narrow: { paperWidthMm: 58, codePages: ['WPC1257', 'PC866'], qr: false } })).status).toBe(200);
    const kiosk = await kioskPrintingTo(printer.printerUrl);
    const set = await branch.http(`/api/admin/devices/${kiosk.id}/printer-profile`, { method: 'PUT', token: managerToken, body: { printerProfile: 'narrow' } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { device: { printerProfile: string } }).device.printerProfile).toBe('narrow');
    const refused = await branch.http(`/api/admin/devices/${kiosk.id}/printer-profile`, { method: 'PUT', token: managerToken, body: { printerProfile: 'nowhere' } });
    expect(refused.status).toBe(400);
    expect(branch.ctx.devices.get(kiosk.id)?.printer_profile).toBe('narrow');

    const before = printer.tickets().length;
    const issued = issuedOf(await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'uk' }));
    const ticket = await printer.waitForTicket(before + 1);
    expect(ticket.codePages).toEqual([17]);
    expect(ticket.qrCodes).toEqual([]);
    expect(ticket.lines.join('')).toContain(issued.statusUrl);
    expect(ticket.lines.every((line) => line.length <= 32)).toBe(true);
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
      printer.setMode('near_end');
      await poll.pollOnce();
      expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('paper_near_end');
      printer.setMode('ok');
      await poll.pollOnce();
      expect(deviceEvents(kiosk.id).map((e) => JSON.parse(e.data).health)).toEqual(['cover_open', 'paper_near_end', 'ok']);
    } finally {
      poll.stop();
    }
  });
});
