import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { isBlank, TicketDecoder, type DecodedTicket } from './decode-esc-pos';
import { tokenize, type EscPosToken } from './esc-pos-tokenizer';
import { renderTicketPng } from './render-preview';
import { autoStatusBlock, printsIn, stateOf, statusReply, VIRTUAL_PRINTER_MODES, VirtualPrinterMode } from './status-replies';
import { renderTicketsPage } from './tickets-page';

export interface VirtualPrinterOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** ESC/POS port; default 9100, 0 for a free one (tests). */
  port?: number;
  /** Preview page and JSON; default 0 (a free port). */
  httpPort?: number;
  paperWidth?: 58 | 80;
  mode?: VirtualPrinterMode;
}

export interface VirtualTicket extends DecodedTicket {
  /** 1, 2, 3 … in the order pieces of paper were cut off. */
  id: number;
  /** When its cut arrived. */
  receivedAt: number;
  /** Path of the PNG preview on the HTTP server (drawn on first request). */
  previewPath: string;
}

export interface VirtualPrinter {
  host: string;
  port: number;
  httpPort: number;
  /** What a kiosk's devices.printer_url should say to print here. */
  printerUrl: string;
  /** Base address of the preview page. */
  pageUrl: string;
  /** Every piece of paper cut off, in order (blank pieces from a feed and cut on clean paper left out). */
  tickets(): VirtualTicket[];
  /**
   * What hangs out of the printer since the last cut: a ticket cut short by a fault, which the next
   * ticket's text would be printed under unless a feed and cut comes first.
   */
  uncutPaper(): DecodedTicket | null;
  /** Resolves with the `count`-th ticket (1-based) once it has come out; rejects after timeoutMs. */
  waitForTicket(count?: number, timeoutMs?: number): Promise<VirtualTicket>;
  preview(id: number): Buffer | undefined;
  mode(): VirtualPrinterMode;
  setMode(mode: VirtualPrinterMode): void;
  /** Jobs that arrived (or went on) while the printer could not print, and were thrown away. */
  droppedJobs(): number;
  clearTickets(): void;
  close(): Promise<void>;
}

const ModeBody = z.object({ mode: VirtualPrinterMode });
const MAX_BODY = 1024;
/** Larger than any one command of a ticket (a 576-dot-wide raster image of 2000 rows is 144 kB). */
const MAX_PENDING_BYTES = 1 << 20;
/** Where a mid-job fault strikes: after this many lines of a job are on the paper (branch, rule, "your number", number). */
export const MID_JOB_FAULT_AFTER_LINES = 4;

/** One connection to the printer: its unparsed bytes, whether it asked for automatic status back. */
interface Connection {
  socket: net.Socket;
  pending: Buffer;
  autoStatus: boolean;
  linesPrinted: number;
  dropped: boolean;
  gone: boolean;
  replies: number[];
}

/**
 * A receipt printer on a TCP port, for development, demos and tests: it answers DLE EOT (and GS a
 * automatic status back) like an Epson printer in the chosen mode, prints jobs onto one continuous paper
 * (a piece ends at a cut, whatever connection sent it) and shows the pieces on an HTTP page. While it
 * cannot print (paper out, cover open, offline) it throws jobs away instead of keeping them, so a
 * refilled printer prints no backlog. The fault modes (status-replies.ts) misbehave as real printers do.
 */
export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  const paperWidth = options.paperWidth ?? 80;
  let mode: VirtualPrinterMode = VirtualPrinterMode.parse(options.mode ?? 'ok');
  let tickets: VirtualTicket[] = [];
  const previews = new Map<number, Buffer>();
  let nextId = 1;
  let dropped = 0;
  const waiters = new Set<() => void>();
  const connections = new Set<Connection>();
  // The paper is one: a piece not cut by one job is still there when the next job prints.
  const paper = new TicketDecoder();

  const addTicket = (ticket: DecodedTicket) => {
    if (isBlank(ticket)) return;
    const id = nextId++;
    tickets.push({ ...ticket, id, receivedAt: Date.now(), previewPath: `/tickets/${id}.png` });
    for (const wake of [...waiters]) wake();
  };

  /** A sensor changed: every connection that asked for automatic status back hears it at once. */
  const changeMode = (next: VirtualPrinterMode) => {
    const before = stateOf(mode);
    mode = next;
    if (stateOf(mode) === before || mode === 'silent') return;
    for (const c of connections) if (c.autoStatus && !c.gone) c.socket.write(autoStatusBlock(stateOf(mode)));
  };

  const flushReplies = (c: Connection) => {
    if (c.replies.length === 0 || c.gone) return;
    c.socket.write(Buffer.from(c.replies));
    c.replies = [];
  };

  /** The fault of a `*_mid_job` mode strikes once enough of a job is on the paper. */
  const strikeMidJob = (c: Connection) => {
    if (mode === 'reset_mid_job') {
      flushReplies(c);
      paper.powerCycle();
      changeMode('ok');
      c.gone = true;
      c.socket.resetAndDestroy();
    } else if (mode === 'paper_out_mid_job') {
      changeMode('paper_out');
      c.dropped = true;
      dropped++;
    }
  };

  const apply = (c: Connection, token: EscPosToken) => {
    if (token.type === 'statusRequest') {
      if (mode !== 'silent') c.replies.push(statusReply(stateOf(mode), token.kind));
      return;
    }
    if (token.type === 'autoStatusBack') {
      c.autoStatus = token.n !== 0;
      if (c.autoStatus && mode !== 'silent') {
        flushReplies(c);
        c.socket.write(autoStatusBlock(stateOf(mode)));
      }
      return;
    }
    if (!printsIn(stateOf(mode))) {
      if (!c.dropped && (token.type === 'text' || token.type === 'qrPrint' || token.type === 'cut')) {
        c.dropped = true;
        dropped++;
      }
      return;
    }
    for (const ticket of paper.feed([token])) addTicket(ticket);
    if (token.type !== 'lineFeed') return;
    c.linesPrinted++;
    if (c.linesPrinted >= MID_JOB_FAULT_AFTER_LINES && (mode === 'reset_mid_job' || mode === 'paper_out_mid_job')) strikeMidJob(c);
  };

  const printerServer = net.createServer((socket) => {
    const c: Connection = { socket, pending: Buffer.alloc(0), autoStatus: false, linesPrinted: 0, dropped: false, gone: false, replies: [] };
    connections.add(c);
    socket.on('data', (chunk: Buffer) => {
      if (c.gone) return;
      if (mode === 'drop_at_first_byte') {
        c.gone = true;
        return void socket.destroy();
      }
      c.pending = c.pending.length ? Buffer.concat([c.pending, chunk]) : chunk;
      const { tokens, consumed } = tokenize(c.pending);
      c.pending = c.pending.subarray(consumed);
      // An unterminated command (ESC D without its NUL) would otherwise grow this for ever.
      if (c.pending.length > MAX_PENDING_BYTES) return void socket.destroy();
      for (const token of tokens) {
        if (c.gone) return;
        apply(c, token);
      }
      flushReplies(c);
    });
    socket.on('close', () => {
      c.gone = true;
      connections.delete(c);
    });
    socket.on('error', () => socket.destroy());
  });

  const handle: VirtualPrinter = {
    host,
    port: 0,
    httpPort: 0,
    printerUrl: '',
    pageUrl: '',
    tickets: () => [...tickets],
    uncutPaper: () => paper.uncut(),
    waitForTicket(count = 1, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const ticket = tickets[count - 1];
          if (!ticket) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(ticket);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`virtual printer: ticket ${count} did not come out within ${timeoutMs} ms (${tickets.length} printed)`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    preview(id) {
      // Drawn when first asked for, not on arrival: the demo runs this printer inside the branch server,
      // whose event loop should not spend milliseconds per ticket on pictures nobody looks at.
      const cached = previews.get(id);
      if (cached) return cached;
      const ticket = tickets.find((t) => t.id === id);
      if (!ticket) return undefined;
      const png = renderTicketPng(ticket, paperWidth);
      previews.set(id, png);
      return png;
    },
    mode: () => mode,
    setMode(next) {
      changeMode(VirtualPrinterMode.parse(next));
    },
    droppedJobs: () => dropped,
    clearTickets() {
      tickets = [];
      previews.clear();
    },
    async close() {
      for (const c of connections) c.socket.destroy();
      await Promise.all([closeServer(printerServer), closeServer(httpServer)]);
    },
  };

  const httpServer = http.createServer((req, res) => {
    void routeHttp(handle, req, res);
  });

  await listen(printerServer, options.port ?? 9100, host);
  await listen(httpServer, options.httpPort ?? 0, host);
  handle.port = (printerServer.address() as AddressInfo).port;
  handle.httpPort = (httpServer.address() as AddressInfo).port;
  handle.printerUrl = `tcp://${host}:${handle.port}`;
  handle.pageUrl = `http://${host}:${handle.httpPort}/`;
  return handle;
}

async function routeHttp(printer: VirtualPrinter, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const png = /^\/tickets\/(\d+)\.png$/.exec(url.pathname);
  if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', renderTicketsPage(printer.tickets(), printer.mode()));
  if (req.method === 'GET' && url.pathname === '/tickets.json')
    return sendJson(res, 200, printer.tickets().map(({ items, ...rest }) => ({ ...rest, items: items.filter((i) => i.kind !== 'image') })));
  if (req.method === 'GET' && png) {
    const preview = printer.preview(Number(png[1]));
    return preview ? send(res, 200, 'image/png', preview) : sendJson(res, 404, { error: 'no such ticket' });
  }
  if (req.method === 'GET' && url.pathname === '/mode') return sendJson(res, 200, { mode: printer.mode() });
  if (req.method === 'POST' && url.pathname === '/mode') {
    const body = await readBody(req);
    const parsed = body === null ? null : ModeBody.safeParse(safeJson(body));
    if (!parsed?.success) return sendJson(res, 400, { error: `body must be {"mode": ${VIRTUAL_PRINTER_MODES.map((m) => `"${m}"`).join(' | ')}}` });
    printer.setMode(parsed.data.mode);
    return sendJson(res, 200, { mode: printer.mode() });
  }
  if (req.method === 'DELETE' && url.pathname === '/tickets') {
    printer.clearTickets();
    return sendJson(res, 200, { ok: true });
  }
  sendJson(res, 404, { error: 'not found' });
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(null));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function listen(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
