import net from 'node:net';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGES } from '@rinda/shared';
import { printTicket } from '../printer/print-ticket';
import { readPrinterStatus } from '../printer/read-printer-status';
import { configWithDiacritics, DIACRITICS, sampleIssuedTicket } from '../printer/sample-ticket';
import { buildTicketLayout } from '../printer/ticket-layout';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer';

const config = configWithDiacritics();
let printer: VirtualPrinter;

beforeAll(async () => {
  printer = await startVirtualPrinter({ port: 0, httpPort: 0 });
});
afterAll(() => printer.close());

/** What the paper should say: every layout text line, and a rule as a row of dashes. */
function expectedLines(layout: ReturnType<typeof buildTicketLayout>): string[] {
  return layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : l.kind === 'rule' ? ['-'.repeat(layout.columns)] : []));
}

describe('printTicket → virtual printer over TCP', () => {
  for (const paperWidth of [80, 58] as const)
    for (const language of CUSTOMER_LANGUAGES) {
      it(`prints a ${language} ticket on ${paperWidth} mm paper that decodes to exactly its layout`, async () => {
        const before = printer.tickets().length;
        const issued = sampleIssuedTicket({ language, serviceId: 'letters', displayNumber: 'L007' });
        expect(await printTicket({ issued, config, profile: { paperWidthMm: paperWidth } }, printer.printerUrl)).toEqual({ printed: true, confirmed: true, health: 'ok' });
        const ticket = await printer.waitForTicket(before + 1);

        const layout = buildTicketLayout(issued, config, language, { paperWidthMm: paperWidth, codePages: ['WPC1257', 'WPC1251'], qr: true });
        expect(ticket.lines).toEqual(expectedLines(layout));
        expect(ticket.text.replace(/\s+/g, ' ')).toContain(DIACRITICS[language]);
        expect(ticket.qrCodes).toEqual([issued.statusUrl]);
        expect(ticket.cut).toBe(true);
        expect(ticket.items.find((i) => i.kind === 'text' && i.text === 'L007')).toMatchObject({ bold: true, align: 'center', width: 8, height: 8 });
        // One table for the whole ticket: the Latvian branch name on a Russian ticket is folded, not switched for.
        expect(ticket.codePages).toEqual([language === 'ru' || language === 'uk' ? 46 : 51]);
      });
    }

  it('keeps two tickets sent back to back apart', async () => {
    const before = printer.tickets().length;
    await printTicket({ issued: sampleIssuedTicket({ displayNumber: 'A101' }), config }, printer.printerUrl);
    await printTicket({ issued: sampleIssuedTicket({ displayNumber: 'A102', language: 'ru' }), config }, printer.printerUrl);
    const second = await printer.waitForTicket(before + 2);
    expect(printer.tickets()[before]!.lines).toContain('A101');
    expect(second.lines).toContain('A102');
    expect(second.lines).toContain('Касса и платежи');
  });

  it('renders a PNG preview of each ticket, served over HTTP', async () => {
    const before = printer.tickets().length;
    await printTicket({ issued: sampleIssuedTicket({ language: 'lv' }), config, profile: { paperWidthMm: 80 } }, printer.printerUrl);
    const ticket = await printer.waitForTicket(before + 1);
    const response = await fetch(new URL(ticket.previewPath, printer.pageUrl));
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect(png.width).toBe(576 + 32);
    expect(png.height).toBeGreaterThan(800);
    expect(png.height).toBeLessThan(3000);
    const dark = png.data.filter((_, i) => i % 4 === 0).filter((v) => v < 128).length;
    expect(dark / (png.width * png.height)).toBeGreaterThan(0.02);

    const listed = (await (await fetch(new URL('/tickets.json', printer.pageUrl))).json()) as { id: number; qrCodes: string[] }[];
    expect(listed.find((t) => t.id === ticket.id)?.qrCodes).toEqual(ticket.qrCodes);
    const page = await (await fetch(printer.pageUrl)).text();
    expect(page).toContain(`src="${ticket.previewPath}"`);
  });
});

describe('printer status', () => {
  it.each([
    ['ok', 'ok'],
    ['near_end', 'paper_near_end'],
    ['paper_out', 'paper_out'],
    ['cover_open', 'cover_open'],
    ['offline', 'offline'],
  ] as const)('readPrinterStatus reports the virtual printer in state %s as %s', async (mode, health) => {
    printer.setMode(mode);
    try {
      expect(await readPrinterStatus(printer.printerUrl)).toBe(health);
    } finally {
      printer.setMode('ok');
    }
  });

  it('reports offline when nothing listens at the address', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    expect(await readPrinterStatus(`tcp://127.0.0.1:${port}`)).toBe('offline');
  });

  it('reports unknown when the device accepts a connection but never answers DLE EOT', async () => {
    const silent = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      expect(await readPrinterStatus(`tcp://127.0.0.1:${port}`, { timeoutMs: 200 })).toBe('unknown');
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('prints no backlog: a job sent while paper is out is dropped, not printed after refill', async () => {
    const before = printer.tickets().length;
    const droppedBefore = printer.droppedJobs();
    printer.setMode('paper_out');
    expect(await printTicket({ issued: sampleIssuedTicket({ displayNumber: 'A666' }), config }, printer.printerUrl)).toMatchObject({ printed: false, health: 'paper_out' });
    expect(printer.droppedJobs()).toBe(droppedBefore + 1);
    printer.setMode('ok');
    expect(await printTicket({ issued: sampleIssuedTicket({ displayNumber: 'A667' }), config }, printer.printerUrl)).toMatchObject({ printed: true });
    await printer.waitForTicket(before + 1);
    expect(printer.tickets().slice(before).map((t) => t.lines.includes('A667'))).toEqual([true]);
    expect(printer.tickets().some((t) => t.lines.includes('A666'))).toBe(false);
  });

  it('switches mode over HTTP and refuses a body that is not a mode', async () => {
    const post = (body: string) => fetch(new URL('/mode', printer.pageUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{"mode":"cover_open"}')).status).toBe(200);
    expect(printer.mode()).toBe('cover_open');
    expect((await post('{"mode":"on_fire"}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect(printer.mode()).toBe('cover_open');
    printer.setMode('ok');
  });
});
