import { createRequire } from 'node:module';
import type { SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { DecodedItem, DecodedTicket } from './decode-esc-pos';

/** Printable dots per line: 203 dpi heads print 384 dots on 58 mm paper and 576 on 80 mm. */
const PAPER_DOTS = { 58: 384, 80: 576 } as const;

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT = 'DejaVu Sans Mono';
// Font A is 12 × 24 dots; DejaVu Sans Mono at 20 px has a 12 px advance.
const CELL_HEIGHT = 24;
const FONT_PX = 20;
const LINE_GAP = 6;
const MARGIN = 16;
const CUT_HEIGHT = 28;

type Canvas = typeof import('@napi-rs/canvas');
let canvasModule: Canvas | null = null;
/**
 * Skia and its fonts (about 20 MB resident) are loaded on the first preview, not when @rinda/hardware is
 * imported: the server imports this package for printing and speech and never draws a preview. The load
 * is synchronous (a CommonJS native module) so preview() stays synchronous.
 */
function loadCanvas(): Canvas {
  if (canvasModule) return canvasModule;
  const canvas = createRequire(import.meta.url)('@napi-rs/canvas') as Canvas;
  canvas.GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSansMono.ttf`, FONT);
  canvas.GlobalFonts.registerFromPath(`${FONT_DIR}/DejaVuSansMono-Bold.ttf`, FONT);
  canvasModule = canvas;
  return canvas;
}

/** Draws a decoded ticket the way the paper would look (black on white, with a dashed cut line). */
export function renderTicketPng(ticket: DecodedTicket, paperWidth: 58 | 80 = 80): Buffer {
  const { createCanvas } = loadCanvas();
  const width = PAPER_DOTS[paperWidth] + 2 * MARGIN;
  const qrs = new Map<DecodedItem, QRCode.QRCode>();
  for (const item of ticket.items) if (item.kind === 'qr') qrs.set(item, QRCode.create(item.data, { errorCorrectionLevel: 'M' }));
  const heightOf = (item: DecodedItem): number => {
    if (item.kind === 'text') return CELL_HEIGHT * item.height + LINE_GAP;
    if (item.kind === 'image') return item.height;
    return qrs.get(item)!.modules.size * item.cellSize + 4 * item.cellSize;
  };
  const height = MARGIN * 2 + ticket.items.reduce((sum, item) => sum + heightOf(item), 0) + (ticket.cut ? CUT_HEIGHT : 0);

  const canvas = createCanvas(width, Math.max(height, 2 * MARGIN));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';

  let y = MARGIN;
  for (const item of ticket.items) {
    if (item.kind === 'text') drawText(ctx, item, y, width);
    else if (item.kind === 'image') drawRaster(ctx, item.data, item.widthDots, item.height, MARGIN, y);
    else drawQr(ctx, qrs.get(item)!, item.cellSize, y, width);
    y += heightOf(item);
  }
  if (ticket.cut) {
    ctx.strokeStyle = '#888';
    ctx.setLineDash([8, 6]);
    ctx.beginPath();
    ctx.moveTo(0, y + CUT_HEIGHT / 2);
    ctx.lineTo(width, y + CUT_HEIGHT / 2);
    ctx.stroke();
  }
  return canvas.toBuffer('image/png');
}

function drawText(ctx: SKRSContext2D, item: Extract<DecodedItem, { kind: 'text' }>, y: number, width: number): void {
  if (!item.text) return;
  ctx.font = `${item.bold ? 'bold ' : ''}${FONT_PX}px "${FONT}"`;
  const textWidth = ctx.measureText(item.text).width * item.width;
  const x = item.align === 'center' ? (width - textWidth) / 2 : item.align === 'right' ? width - MARGIN - textWidth : MARGIN;
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(item.width, item.height);
  ctx.fillText(item.text, 0, 0);
  if (item.underline) ctx.fillRect(0, FONT_PX + 1, textWidth / item.width, 1);
  ctx.restore();
}

function drawQr(ctx: SKRSContext2D, qr: QRCode.QRCode, cell: number, y: number, width: number): void {
  const size = qr.modules.size;
  const x = Math.round((width - size * cell) / 2);
  const top = y + 2 * cell;
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) if (qr.modules.get(row, col)) ctx.fillRect(x + col * cell, top + row * cell, cell, cell);
}

function drawRaster(ctx: SKRSContext2D, data: Uint8Array, widthDots: number, height: number, x: number, y: number): void {
  const bytesPerRow = widthDots / 8;
  for (let row = 0; row < height; row++)
    for (let col = 0; col < widthDots; col++) {
      const byte = data[row * bytesPerRow + (col >> 3)] ?? 0;
      if (byte & (0x80 >> (col & 7))) ctx.fillRect(x + col, y + row, 1, 1);
    }
}
