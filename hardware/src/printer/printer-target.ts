import { z } from 'zod';

/**
 * Where a ticket goes, as devices.printer_url spells it: tcp://host:port (network printer, port 9100 if
 * left out), file:/dev/usb/lp0 (a device file) or printer:NAME (a system printer, through CUPS `lp`).
 */
export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file'; path: string }
  | { kind: 'printer'; name: string };

const TCP = /^tcp:\/\/([^/:]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\/?$/;
const FILE = /^file:(\/[^\0]*)$/;
const PRINTER = /^printer:([\w.@-]+)$/;

export const PrinterTargetUrl = z.string().transform((url, ctx): PrinterTarget => {
  const tcp = TCP.exec(url);
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    if (port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `printer port out of range: ${url}` });
      return z.NEVER;
    }
    return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  const file = FILE.exec(url);
  if (file) return { kind: 'file', path: file[1]! };
  const printer = PRINTER.exec(url);
  if (printer) return { kind: 'printer', name: printer[1]! };
  ctx.addIssue({ code: 'custom', message: `not a printer address (tcp://host:port, file:/path, printer:NAME): ${url}` });
  return z.NEVER;
});

export function parsePrinterTarget(url: string): PrinterTarget {
  return PrinterTargetUrl.parse(url);
}
