import { access, constants } from 'node:fs/promises';
import net from 'node:net';
import type { PrinterHealth } from '@rinda/shared';
import { parsePrinterStatus, STATUS_REQUESTS, statusRequest } from './printer-status';
import { parsePrinterTarget, type PrinterTarget } from './printer-target';
import { systemPrinterAccepts } from './system-printer-driver';

const REQUESTS = [STATUS_REQUESTS.printer, STATUS_REQUESTS.offlineCause, STATUS_REQUESTS.paperSensor];

/**
 * Asks the printer how it is before a number is issued. A network printer answers DLE EOT; one that
 * cannot be reached is offline; one that connects but does not answer in time cannot tell (unknown).
 * Device files and system printers only say whether they are there: reading a USB printer file can
 * block for good, so their paper and cover state stay unknown.
 */
export async function readPrinterStatus(target: string | PrinterTarget, options: { timeoutMs?: number } = {}): Promise<PrinterHealth> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const parsed = typeof target === 'string' ? parsePrinterTarget(target) : target;
  switch (parsed.kind) {
    case 'tcp':
      return readNetworkStatus(parsed.host, parsed.port, timeoutMs);
    case 'file':
      return access(parsed.path, constants.W_OK).then(
        () => 'unknown' as const,
        () => 'offline' as const,
      );
    case 'printer':
      return (await systemPrinterAccepts(parsed.name, timeoutMs)) ? 'unknown' : 'offline';
  }
}

function readNetworkStatus(host: string, port: number, timeoutMs: number): Promise<PrinterHealth> {
  return new Promise((resolve) => {
    const replies: number[] = [];
    let connected = false;
    const socket = net.connect({ host, port });
    const finish = (health: PrinterHealth) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(health);
    };
    const timer = setTimeout(() => finish(connected ? 'unknown' : 'offline'), timeoutMs);
    socket.on('connect', () => {
      connected = true;
      socket.write(Buffer.concat(REQUESTS.map(statusRequest)));
    });
    socket.on('data', (chunk: Buffer) => {
      replies.push(...chunk);
      if (replies.length >= REQUESTS.length) finish(parsePrinterStatus(replies.slice(0, REQUESTS.length)));
    });
    socket.on('error', () => finish('offline'));
    socket.on('close', () => finish(replies.length >= REQUESTS.length ? parsePrinterStatus(replies) : connected ? 'unknown' : 'offline'));
  });
}
