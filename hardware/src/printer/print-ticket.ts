import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { messageOf, PrinterProfile, type BranchConfig, type CustomerLanguage, type PrinterProfileInput } from '@rinda/shared';
import { DEFAULT_NETWORK_TIMEOUTS, runNetworkPrintJob, type NetworkJobTimeouts, type PrintReport } from './network-print-job';
import { STATUS_QUERY } from './printer-status';
import { parsePrinterTarget, type PrinterTarget } from './printer-target';
import { autoStatusBackCommand } from './status-stream';
import { cupsDriver } from './system-printer-driver';
import { CODE_PAGES } from './ticket-code-page';
import { buildTicketLayout, type TicketContent, type TicketLayout } from './ticket-layout';

/** ESC @: clears the print buffer and every mode (node-thermal-printer's initHardware, which its types leave out). */
const ESC_INIT = Buffer.from([0x1b, 0x40]);

export interface TicketPrintJob {
  issued: TicketContent;
  config: BranchConfig;
  /** Defaults to the language the customer chose at the kiosk. */
  language?: CustomerLanguage;
  /** The kiosk printer's profile (paper width, code pages, QR, ASB); missing fields take the defaults. */
  profile?: PrinterProfileInput;
}

export interface PrintOptions extends Partial<NetworkJobTimeouts> {
  /**
   * The previous job on this printer failed after some of it may have reached the paper: feed and cut
   * before this ticket, so the half ticket comes off on its own instead of on top of this one.
   */
  afterFailure?: boolean;
}

/**
 * Prints one ticket and says what became of it (PrintReport): on a network printer, printed only when the
 * printer confirms it after the cut. Never throws for a printer's sake; a bad target address does.
 */
export async function printTicket(job: TicketPrintJob, target: string | PrinterTarget, options: PrintOptions = {}): Promise<PrintReport> {
  const parsed = typeof target === 'string' ? parsePrinterTarget(target) : target;
  const printer = ticketPrinter(job, parsed, options.afterFailure ?? false);
  if (parsed.kind === 'tcp') {
    const timeouts = { ...DEFAULT_NETWORK_TIMEOUTS, ...definedOnly(options) };
    // DLE EOT after the cut: the printer's own word on paper and errors once the ticket is through.
    printer.add(STATUS_QUERY);
    return runNetworkPrintJob(parsed.host, parsed.port, printer.getBuffer(), timeouts);
  }
  try {
    await printer.execute();
    return { printed: true, confirmed: false, health: 'unknown' };
  } catch (error) {
    const reason = messageOf(error);
    return { printed: false, health: 'offline', reason: `the ${parsed.kind === 'file' ? 'device file' : 'system printer'} refused the ticket: ${reason}`, reachedPrinter: true };
  }
}

/** The ticket's bytes as they go to the printer (without the status request): for device files and tests. */
export function ticketBytes(job: TicketPrintJob, options: { afterFailure?: boolean } = {}): Buffer {
  return ticketPrinter(job, { kind: 'file', path: '/dev/null' }, options.afterFailure ?? false).getBuffer();
}

/**
 * The job as node-thermal-printer commands: ESC @ first (a printer left in double size or another table
 * by a broken job starts clean), then after a failure a feed and cut, then ASB on if the profile has it,
 * the ticket's one code page, the layout (already wrapped, so the library's folding is off) and the cut.
 */
function ticketPrinter(job: TicketPrintJob, target: PrinterTarget, afterFailure: boolean): ThermalPrinter {
  const profile = PrinterProfile.parse(job.profile ?? {});
  const language = job.language ?? job.issued.ticket.language;
  const layout = buildTicketLayout(job.issued, job.config, language, profile);
  const { characterSet } = CODE_PAGES[layout.codePage];
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: interfaceFor(target),
    driver: cupsDriver,
    width: layout.columns,
    characterSet,
    breakLine: BreakLine.NONE,
  });
  // The constructor already selected the table; the job must begin with ESC @ instead, then select it.
  printer.setBuffer(Buffer.alloc(0));
  printer.add(ESC_INIT);
  // cut() feeds the half ticket past the cutter, cuts, and sends ESC @ again.
  if (afterFailure) printer.cut();
  if (profile.autoStatusBack) printer.add(autoStatusBackCommand(true));
  printer.setCharacterSet(characterSet);
  writeLayout(printer, layout);
  return printer;
}

function interfaceFor(target: PrinterTarget): string {
  switch (target.kind) {
    case 'tcp':
      return `tcp://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
    case 'file':
      return target.path;
    case 'printer':
      return `printer:${target.name}`;
  }
}

function definedOnly(options: PrintOptions): Partial<NetworkJobTimeouts> {
  const out: Partial<NetworkJobTimeouts> = {};
  if (options.connectTimeoutMs !== undefined) out.connectTimeoutMs = options.connectTimeoutMs;
  if (options.confirmTimeoutMs !== undefined) out.confirmTimeoutMs = options.confirmTimeoutMs;
  return out;
}

/** The layout as node-thermal-printer commands; every text holds only the ticket's code page's characters. */
function writeLayout(printer: ThermalPrinter, layout: TicketLayout): void {
  for (const line of layout.lines) {
    switch (line.kind) {
      case 'text':
        align(printer, line.align);
        printer.bold(line.bold);
        if (line.size > 1) printer.setTextSize(line.size - 1, line.size - 1);
        printer.println(line.text);
        if (line.size > 1) printer.setTextNormal();
        if (line.bold) printer.bold(false);
        break;
      case 'rule':
        printer.alignLeft();
        printer.drawLine();
        break;
      case 'feed':
        for (let k = 0; k < line.lines; k++) printer.newLine();
        break;
      case 'qr':
        printer.alignCenter();
        printer.printQR(line.data, { cellSize: line.cellSize, correction: 'M', model: 2 });
        printer.newLine();
        break;
      case 'cut':
        printer.cut();
        break;
    }
  }
}

function align(printer: ThermalPrinter, value: 'left' | 'center' | 'right'): void {
  if (value === 'center') printer.alignCenter();
  else if (value === 'right') printer.alignRight();
  else printer.alignLeft();
}
