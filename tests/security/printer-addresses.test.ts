import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRequestId, type PairingStarted } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { createTicketPrinting, DEFAULT_PRINTER_ADDRESS_POLICY, type PrinterAddressPolicy } from '@rinda/server';
import { printerHealthPoll } from '../../apps/server/src/printing/printing-feature';
import { dbFingerprint } from '../fault/db-fingerprint';
import { startBranch, type Branch } from '../support/start-branch';

/** A TCP listener on loopback that only counts who connects: a refused printer address must never reach it. */
async function countingListener(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    connections: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('printer addresses a manager may set (pairing a kiosk)', () => {
  let branch: Branch;
  let managerToken: string;
  beforeAll(async () => {
    // The server's real policy: ports 9100–9109, no loopback (not the demo).
    branch = await startBranch({ printerAddresses: DEFAULT_PRINTER_ADDRESS_POLICY });
    managerToken = await branch.userToken('manager', 'maria');
  });
  afterAll(() => branch.stop());

  const start = async (): Promise<PairingStarted> => (await (await branch.http('/api/devices/pairings', { body: { kind: 'kiosk' } })).json()) as PairingStarted;
  const pair = (code: string, printerUrl: string) => branch.http('/api/admin/devices/pair', { body: { code, name: 'Hall kiosk', printerUrl }, token: managerToken });

  it.each([
    ['file:/etc/passwd', 'a file: printer must be a printer device (/dev/usb/lpN or /dev/lpN), not /etc/passwd'],
    ['file:/dev/usb/lp0/../../../srv/rinda/rinda.sqlite', 'a file: printer must be a printer device'],
    ['file:/dev/null', 'a file: printer must be a printer device'],
    ['tcp://10.0.0.50:22', "printer port 22 is not allowed (allowed: 9100–9109; the server's --printer-ports)"],
    ['tcp://10.0.0.50:5432', 'printer port 5432 is not allowed'],
    ['tcp://127.0.0.1:9100', 'printer address 127.0.0.1 is this server itself (loopback); only the demo (--demo) prints there'],
    ['tcp://[::1]:9100', 'printer address ::1 is this server itself (loopback)'],
    ['tcp://localhost:9100', 'printer address localhost is this server itself (loopback)'],
    ['tcp://2130706433:9100', 'printer address 2130706433 is this server itself (loopback)'],
  ])('refuses %s with 400 saying why, and changes nothing: the device still waits for its pairing', async (printerUrl, reason) => {
    const started = await start();
    const before = dbFingerprint(branch.ctx.db);
    const res = await pair(started.code, printerUrl);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining(`Printer address refused: ${reason}`) } });
    expect(dbFingerprint(branch.ctx.db)).toBe(before);
    // The code was not used up: the manager corrects the address and pairs the same device.
    const claim = await branch.http(`/api/devices/pairings/${started.pairingId}/claim`, { body: { secret: started.secret } });
    expect(await claim.json()).toMatchObject({ status: 'pending' });
    expect((await pair(started.code, 'tcp://10.0.0.50:9100')).status).toBe(201);
  });

  it.each(['tcp://10.0.0.50:9100', 'tcp://10.0.0.50:9109', 'file:/dev/usb/lp0', 'file:/dev/lp1', 'printer:TM_T20'])('accepts %s', async (printerUrl) => {
    // A branch of its own: one address may open only 10 pairings before it has to wait.
    await branch.stop();
    branch = await startBranch({ printerAddresses: DEFAULT_PRINTER_ADDRESS_POLICY });
    managerToken = await branch.userToken('manager', 'maria');
    const started = await start();
    const res = await pair(started.code, printerUrl);
    expect(res.status).toBe(201);
    const { device } = (await res.json()) as { device: { id: string } };
    expect(branch.ctx.devices.get(device.id)?.printer_url).toBe(printerUrl);
  });
});

describe('printer addresses again at print time, whatever put them in the database', () => {
  // Every port allowed here, so only loopback and the device-file rule can refuse.
  const anyPortNoLoopback: PrinterAddressPolicy = { tcpPorts: [{ from: 1, to: 65535 }], allowLoopback: false };
  let branch: Branch;
  let listener: Awaited<ReturnType<typeof countingListener>>;
  let dir: string;
  beforeAll(async () => {
    branch = await startBranch({ printerAddresses: anyPortNoLoopback, printing: (ctx) => createTicketPrinting(ctx, { statusTimeoutMs: 500 }) });
    listener = await countingListener();
    dir = mkdtempSync(join(tmpdir(), 'rinda-printer-file-'));
  });
  afterAll(async () => {
    await branch.stop();
    await listener.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A kiosk whose stored address came from elsewhere (the demo's data, an older version): enrolled directly. */
  const kioskPrintingTo = async (printerUrl: string) => {
    const { id, token } = branch.enrolDevice('kiosk', `Kiosk ${Math.random().toString(36).slice(2, 7)}`, printerUrl);
    return { id, socket: await branch.connect({ token }) };
  };
  const lastDetail = (deviceId: string) =>
    JSON.parse((branch.ctx.db.prepare('SELECT data FROM device_events WHERE device_id = ? ORDER BY id DESC LIMIT 1').get(deviceId) as { data: string }).data) as { detail: string | null };

  it('never connects to a loopback printer outside the demo: no number, the printer offline with the reason', async () => {
    const kiosk = await kioskPrintingTo(`tcp://127.0.0.1:${listener.port}`);
    const issued = await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect(issued).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } });
    expect(branch.ctx.devices.get(kiosk.id)?.printer_health).toBe('offline');
    expect(lastDetail(kiosk.id).detail).toBe('printer address 127.0.0.1 is this server itself (loopback); only the demo (--demo) prints there');

    const poll = printerHealthPoll(branch.ctx, 60_000);
    await poll.pollOnce();
    poll.stop();
    expect(listener.connections()).toBe(0);
  });

  it('never writes to a file that is not a printer device', async () => {
    const target = join(dir, 'not-a-printer');
    const kiosk = await kioskPrintingTo(`file:${target}`);
    const issued = await branch.request(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect(issued).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } });
    expect(lastDetail(kiosk.id).detail).toMatch(/a file: printer must be a printer device/);
    expect(existsSync(target)).toBe(false);
  });

  it('prints to the same loopback printer when the server runs the demo', async () => {
    let printer: VirtualPrinter | null = null;
    const demo = await startBranch({ printerAddresses: { ...anyPortNoLoopback, allowLoopback: true }, printing: (ctx) => createTicketPrinting(ctx, { statusTimeoutMs: 500 }) });
    try {
      printer = await startVirtualPrinter({ port: 0 });
      const { token } = demo.enrolDevice('kiosk', 'Demo kiosk', printer.printerUrl);
      const kiosk = await demo.connect({ token });
      const issued = await demo.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
      expect(issued).toMatchObject({ ok: true, data: { print: { status: 'printed' } } });
      await printer.waitForTicket(1);
    } finally {
      await demo.stop();
      await printer?.close();
    }
  });
});
