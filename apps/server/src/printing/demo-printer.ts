import type { Logger } from 'pino';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';

export interface DemoPrinterOptions {
  host?: string;
  /** ESC/POS port (default 9100, the usual network printer port). */
  port?: number;
  /** Preview page port (default 9101). */
  httpPort?: number;
}

/**
 * The virtual printer `npm start` runs so the demo kiosk prints with no hardware. If the usual ports are
 * taken (a real printer service, a second demo), it takes free ones instead of refusing to start.
 */
export async function startDemoPrinter(logger: Logger, options: DemoPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  let printer: VirtualPrinter;
  try {
    printer = await startVirtualPrinter({ host, port: options.port ?? 9100, httpPort: options.httpPort ?? 9101 });
  } catch (error) {
    logger.warn({ err: error }, 'virtual printer ports taken; using free ones');
    printer = await startVirtualPrinter({ host, port: 0, httpPort: 0 });
  }
  logger.info({ printerUrl: printer.printerUrl, page: printer.pageUrl }, `virtual printer: tickets at ${printer.pageUrl}`);
  return printer;
}
