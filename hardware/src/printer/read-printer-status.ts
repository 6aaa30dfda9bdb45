import { access, constants } from 'node:fs/promises';
import net from 'node:net';
import type { PrinterHealth } from '@rinda/shared';
import { ALL_STATUS_REQUESTS, parsePrinterStatus, STATUS_QUERY } from './printer-status';
import { parsePrinterTarget, type PrinterTarget } from './printer-target';
import { StatusStream } from './status-stream';
import { systemPrinterAccepts } from './system-printer-driver';

/**
 * Asks the printer how it is before a number is issued. A network printer answers DLE EOT 1–4 (paper near
 * end is a warning: it still prints); one that
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
    // A printer left with automatic status back on may send its blocks here too: read past them.
    const stream = new StatusStream();
    const replies = stream.replies;
    const expected = ALL_STATUS_REQUESTS.length;
    let connected = false;
    const socket = net.connect({ host, port });
    let done = false;
    const finish = (health: PrinterHealth) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(health);
    };
    const timer = setTimeout(() => finish(connected ? 'unknown' : 'offline'), timeoutMs);
    socket.on('connect', () => {
      connected = true;
      socket.write(STATUS_QUERY);
    });
    socket.on('data', (chunk: Buffer) => {
      stream.push(chunk);
      if (stream.garbled) return finish('unknown');
      if (replies.length >= expected) finish(parsePrinterStatus(replies.slice(0, expected)));
    });
    socket.on('error', () => finish('offline'));
    socket.on('close', () => finish(connected ? 'unknown' : 'offline'));
  });
}
