import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, newRequestId, request, type AckEmitter, type IssuedTicket, type Result } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { createApp } from '@rinda/server';
import { freePort, ServerProcess } from './support/server-process';

/**
 * The crash window of a server-printed ticket: the ticket is committed, the paper not yet printed (or not
 * yet confirmed), and the server dies (kill -9 of a real child process). The kiosk retries its request
 * with the same requestId once the server is back; the virtual printer, in this test's own process,
 * outlives the server and says what reached the paper.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let printer: VirtualPrinter;
let server: ServerProcess;
let kiosk: Socket;
beforeEach(async () => {
  printer = await startVirtualPrinter({ port: 0 });
});
afterEach(async () => {
  kiosk?.close();
  await server?.kill();
  await printer.close();
});

async function branchWithKiosk(): Promise<{ dataDir: string; token: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinda-print-crash-'));
  dirs.push(dataDir);
  const seed = createApp({ dataDir, logLevel: 'error' });
  const { token } = seed.ctx.auth.enrolDevice('kiosk', 'Lobby kiosk', printer.printerUrl);
  await seed.close();
  return { dataDir, token };
}

function connectKiosk(url: string, token: string): Socket {
  return io(url, { auth: { protocolVersion: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200, forceNew: true });
}

/** As the kiosk does: the same requestId until an answer comes (a missing ack reads as INTERNAL). */
async function retryUntilAnswered(socket: Socket, payload: Record<string, unknown>): Promise<Result<IssuedTicket>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ack = await request(socket as unknown as AckEmitter, 'ticket:issue', payload as never, 3000);
    if (ack.ok || ack.error.code !== 'INTERNAL') return ack as Result<IssuedTicket>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no answer after 100 attempts');
}

/** The print jobs in the branch's file, read while no server runs. */
function printJobs(dataDir: string): { ticketId: string; state: string }[] {
  const db = new Database(join(dataDir, 'rinda.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT ticket_id AS ticketId, state FROM print_jobs').all() as { ticketId: string; state: string }[];
  } finally {
    db.close();
  }
}

describe('kill -9 in the print window of a server-printed ticket', () => {
  it('between the commit and the print: the retry prints the ticket once and answers printed, never by-device', async () => {
    const { dataDir, token } = await branchWithKiosk();
    server = new ServerProcess(dataDir, await freePort());
    await server.start({ RINDA_FAULT_PAUSE_BEFORE_PRINT: '1' });
    kiosk = connectKiosk(server.url, token);
    const payload = { requestId: newRequestId(), serviceId: 'cash', language: 'lv' };
    kiosk.emit('ticket:issue', payload);
    const paused = await server.waitForOutput('paused-before-print');
    const ticketId = paused.split(' ')[1]!;
    await server.kill();
    expect(printJobs(dataDir)).toEqual([{ ticketId, state: 'pending' }]);
    expect(printer.tickets()).toEqual([]);

    await server.start();
    const ack = await retryUntilAnswered(kiosk, payload);
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.data.ticket.id).toBe(ticketId);
    expect(ack.data.print).toEqual({ status: 'printed' });
    const paper = await printer.waitForTicket(1);
    expect(paper.lines).toContain(ack.data.ticket.displayNumber);
    expect(paper.qrCodes).toEqual([ack.data.statusUrl]);

    // Asked again: the same answer, and still one ticket on the paper.
    expect(await retryUntilAnswered(kiosk, payload)).toEqual(ack);
    expect(printer.tickets()).toHaveLength(1);
    await server.kill();
    expect(printJobs(dataDir)).toEqual([{ ticketId, state: 'printed' }]);
  }, 60_000);

  it('while the ticket was being sent: the retry answers failed and never prints it a second time', async () => {
    const { dataDir, token } = await branchWithKiosk();
    // It prints, but never answers: the server sends the ticket, then waits for a confirmation that never comes.
    printer.setMode('silent');
    server = new ServerProcess(dataDir, await freePort());
    await server.start();
    kiosk = connectKiosk(server.url, token);
    const payload = { requestId: newRequestId(), serviceId: 'cash', language: 'en' };
    kiosk.emit('ticket:issue', payload);
    const paper = await printer.waitForTicket(1, 10_000);
    await server.kill();
    const [job] = printJobs(dataDir);
    expect(job?.state).toBe('sending');
    const ticketId = job!.ticketId;

    printer.setMode('ok');
    await server.start();
    const ack = await retryUntilAnswered(kiosk, payload);
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.data.ticket.id).toBe(ticketId);
    expect(paper.lines).toContain(ack.data.ticket.displayNumber);
    expect(ack.data.print).toEqual({ status: 'failed', message: 'the server stopped while this ticket was being printed; it may be incomplete' });
    expect(printer.tickets()).toHaveLength(1);
    await server.kill();
    expect(printJobs(dataDir)).toEqual([{ ticketId, state: 'failed' }]);
  }, 60_000);
});
