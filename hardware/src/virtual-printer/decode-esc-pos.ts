import { DEFAULT_CODE_PAGE, decodeText } from './code-pages';
import { tokenize, type EscPosToken } from './esc-pos-tokenizer';

export interface DecodedTextLine {
  kind: 'text';
  text: string;
  bold: boolean;
  underline: boolean;
  align: 'left' | 'center' | 'right';
  /** Character width and height multipliers (1–8). */
  width: number;
  height: number;
}
export interface DecodedQr {
  kind: 'qr';
  data: string;
  cellSize: number;
}
export interface DecodedImage {
  kind: 'image';
  widthDots: number;
  height: number;
  data: Uint8Array;
}
export type DecodedItem = DecodedTextLine | DecodedQr | DecodedImage;

/** One ticket as the paper would show it: everything received up to a cut (or the end of a job). */
export interface DecodedTicket {
  items: DecodedItem[];
  /** Text of each printed line, in order (blank lines kept out), for easy assertions. */
  lines: string[];
  /** All lines joined with newlines. */
  text: string;
  qrCodes: string[];
  cut: boolean;
  /** Every ESC t table selected while printing it. */
  codePages: number[];
}

interface Style {
  codePage: number;
  bold: boolean;
  underline: boolean;
  align: DecodedTextLine['align'];
  width: number;
  height: number;
}

const initialStyle = (): Style => ({ codePage: DEFAULT_CODE_PAGE, bold: false, underline: false, align: 'left', width: 1, height: 1 });

/**
 * The printer's interpreter: feed it tokens in order, it collects tickets. It holds the printer's
 * state (code page, styles) across calls, so it can run over a stream split at any point.
 */
export class TicketDecoder {
  private style = initialStyle();
  private items: DecodedItem[] = [];
  private codePages: number[] = [];
  private line: { text: string; bold: boolean; underline: boolean } | null = null;
  private lineStyle: Style | null = null;
  private qrData: Uint8Array | null = null;
  private qrCellSize = 3;

  /** Returns the tickets a cut completed. */
  feed(tokens: EscPosToken[]): DecodedTicket[] {
    const done: DecodedTicket[] = [];
    for (const token of tokens) {
      const ticket = this.apply(token);
      if (ticket) done.push(ticket);
    }
    return done;
  }

  /** What is on the paper since the last cut, without cutting it (the text of a line not yet fed is left out). */
  uncut(): DecodedTicket | null {
    if (this.items.length === 0) return null;
    return this.ticketOf(this.items, false);
  }

  /**
   * The printer reset (power glitch, watchdog): what was printed stays on the paper, uncut; the line being
   * built, the QR code stored and every mode are lost, as after switching it on.
   */
  powerCycle(): void {
    this.line = null;
    this.lineStyle = null;
    this.qrData = null;
    this.style = initialStyle();
  }

  /** At the end of a job: what was printed but never cut still came out of the printer. */
  finish(): DecodedTicket | null {
    this.endLine(false);
    if (this.items.length === 0) return null;
    return this.takeTicket(false);
  }

  private apply(token: EscPosToken): DecodedTicket | null {
    const s = this.style;
    switch (token.type) {
      case 'text': {
        const text = decodeText(token.bytes, s.codePage);
        if (!this.line) {
          this.line = { text: '', bold: false, underline: false };
          this.lineStyle = { ...s };
        }
        this.line.text += text;
        if (text.trim()) {
          this.line.bold ||= s.bold;
          this.line.underline ||= s.underline;
        }
        return null;
      }
      case 'lineFeed':
        this.endLine(true);
        return null;
      case 'feedLines':
        this.endLine(false);
        for (let k = 0; k < token.lines; k++) this.pushBlank();
        return null;
      case 'init': {
        this.endLine(false);
        this.style = initialStyle();
        return null;
      }
      case 'codePage':
        s.codePage = token.table;
        if (!this.codePages.includes(token.table)) this.codePages.push(token.table);
        return null;
      case 'bold':
        s.bold = token.on;
        return null;
      case 'underline':
        s.underline = token.on;
        return null;
      case 'align':
        s.align = token.align;
        return null;
      case 'printMode':
        s.bold = (token.mode & 0x08) !== 0;
        s.height = token.mode & 0x10 ? 2 : 1;
        s.width = token.mode & 0x20 ? 2 : 1;
        s.underline = (token.mode & 0x80) !== 0;
        return null;
      case 'charSize':
        s.width = token.width;
        s.height = token.height;
        return null;
      case 'qrCellSize':
        this.qrCellSize = token.size;
        return null;
      case 'qrStore':
        this.qrData = token.data;
        return null;
      case 'qrPrint':
        this.endLine(false);
        if (this.qrData) this.items.push({ kind: 'qr', data: Buffer.from(this.qrData).toString('utf8'), cellSize: this.qrCellSize });
        return null;
      case 'rasterImage':
        this.endLine(false);
        this.items.push({ kind: 'image', widthDots: token.widthBytes * 8, height: token.height, data: token.data });
        return null;
      case 'cut':
        this.endLine(false);
        return this.takeTicket(true);
      case 'qrModel':
      case 'barcode':
      case 'statusRequest':
      case 'autoStatusBack':
      case 'ignored':
        return null;
    }
  }

  /** A line ends with LF; other commands that move paper print the pending text first, as a printer does. */
  private endLine(blankIfEmpty: boolean): void {
    if (this.line && this.lineStyle) {
      const { align, width, height } = this.lineStyle;
      const { bold, underline } = this.line;
      this.items.push({ kind: 'text', text: this.line.text.replace(/\s+$/, ''), bold, underline, align, width, height });
      this.line = null;
      this.lineStyle = null;
    } else if (blankIfEmpty) this.pushBlank();
  }

  private ticketOf(items: DecodedItem[], cut: boolean): DecodedTicket {
    const lines = items.flatMap((item) => (item.kind === 'text' && item.text.trim() ? [item.text] : []));
    return {
      items: [...items],
      lines,
      text: lines.join('\n'),
      qrCodes: items.flatMap((item) => (item.kind === 'qr' ? [item.data] : [])),
      cut,
      codePages: [...this.codePages],
    };
  }

  private pushBlank(): void {
    this.items.push({ kind: 'text', text: '', bold: false, underline: false, align: 'left', width: 1, height: this.style.height });
  }

  private takeTicket(cut: boolean): DecodedTicket {
    const ticket = this.ticketOf(this.items, cut);
    this.items = [];
    this.codePages = [];
    this.qrData = null;
    return ticket;
  }
}

/** A piece of paper with nothing printed on it: what a feed and cut on an empty paper path gives. */
export function isBlank(ticket: DecodedTicket): boolean {
  return ticket.lines.length === 0 && ticket.items.every((item) => item.kind === 'text');
}

/** Decodes a whole ESC/POS byte stream into the tickets it prints. Pure: no sockets, no clock. */
export function decodeEscPos(buffer: Uint8Array): DecodedTicket[] {
  const decoder = new TicketDecoder();
  const { tokens } = tokenize(buffer);
  const tickets = decoder.feed(tokens);
  const rest = decoder.finish();
  return rest ? [...tickets, rest] : tickets;
}
