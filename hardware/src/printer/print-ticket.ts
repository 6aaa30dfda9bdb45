import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { BranchConfig, CustomerLanguage } from '@rinda/shared';
import { parsePrinterTarget, type PrinterTarget } from './printer-target';
import { cupsDriver } from './system-printer-driver';
import { buildTicketLayout, type PaperWidth, type TicketContent, type TicketLayout } from './ticket-layout';

export interface TicketPrintJob {
  issued: TicketContent;
  config: BranchConfig;
  /** Defaults to the language the customer chose at the kiosk. */
  language?: CustomerLanguage;
  paperWidth?: PaperWidth;
}

/**
 * One code page holds every letter of a language: Windows-1257 has the Latvian, Lithuanian and Polish
 * ones, Windows-1251 the Russian and Ukrainian ones (ґ є і ї included, which PC866 lacks). A letter
 * outside it (a Latvian branch name on a Russian ticket) makes node-thermal-printer switch tables by
 * itself with ESC t, which the printer and the virtual printer both follow.
 */
export const CODE_PAGE_FOR: Record<CustomerLanguage, CharacterSet> = {
  lv: CharacterSet.WPC1257_BALTIC_RIM,
  lt: CharacterSet.WPC1257_BALTIC_RIM,
  pl: CharacterSet.WPC1257_BALTIC_RIM,
  en: CharacterSet.WPC1257_BALTIC_RIM,
  ru: CharacterSet.WPC1251_CYRILLIC,
  uk: CharacterSet.WPC1251_CYRILLIC,
};

/** Prints one ticket and resolves once the printer (or its spooler) took every byte; rejects otherwise. */
export async function printTicket(job: TicketPrintJob, target: string | PrinterTarget, options: { timeoutMs?: number } = {}): Promise<void> {
  const language = job.language ?? job.issued.ticket.language;
  const layout = buildTicketLayout(job.issued, job.config, language, job.paperWidth ?? 80);
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: interfaceFor(typeof target === 'string' ? parsePrinterTarget(target) : target),
    driver: cupsDriver,
    width: layout.columns,
    characterSet: CODE_PAGE_FOR[language],
    breakLine: BreakLine.NONE,
    options: { timeout: options.timeoutMs ?? 3000 },
  });
  writeLayout(printer, layout);
  await printer.execute();
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

/** The layout as node-thermal-printer commands; lines are already wrapped, so its own folding is off. */
function writeLayout(printer: ThermalPrinter, layout: TicketLayout): void {
  // clear() also selects the code page again: the ESC @ that follows a cut resets it to PC437.
  printer.clear();
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
