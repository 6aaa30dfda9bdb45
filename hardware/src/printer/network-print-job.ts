import net from 'node:net';
import type { PrinterHealth } from '@rinda/shared';
import { healthOf, parsePrinterStatus, printsTickets, ALL_STATUS_REQUESTS } from './printer-status';
import { StatusStream } from './status-stream';

/**
 * What became of one ticket. `printed` only when the printer said, after the cut, that it has paper and no
 * error (`confirmed`); device files and system printers cannot say anything, so theirs are printed
 * unconfirmed once the device or spooler took every byte. `reachedPrinter`: some of the ticket may be on
 * the paper, so the next ticket must start with a feed and cut.
 */
export type PrintReport =
  | { printed: true; confirmed: boolean; health: PrinterHealth }
  | { printed: false; health: PrinterHealth; reason: string; reachedPrinter: boolean };

export interface NetworkJobTimeouts {
  /** How long the printer may take to accept the connection (default 1000 ms). */
  connectTimeoutMs: number;
  /**
   * How long after the last byte was handed to the network the printer may take to answer the status
   * request that follows the cut (default 2000 ms; a printer answers DLE EOT in milliseconds).
   */
  confirmTimeoutMs: number;
}

export const DEFAULT_NETWORK_TIMEOUTS: NetworkJobTimeouts = { connectTimeoutMs: 1000, confirmTimeoutMs: 2000 };

/**
 * Sends a job that ends with DLE EOT 1–4 over one connection and reads the printer's answer: the ticket
 * counts as printed only when all four replies arrive and say paper present, online, no error, and no
 * automatic status block (if the job turned ASB on) reported trouble on the way. A reset, a closed
 * connection, silence past the timeout or a garbled answer is a failure with its reason. No fixed wait:
 * it resolves the moment the fourth reply arrives.
 */
export function runNetworkPrintJob(host: string, port: number, job: Buffer, timeouts: NetworkJobTimeouts = DEFAULT_NETWORK_TIMEOUTS): Promise<PrintReport> {
  return new Promise((resolve) => {
    const stream = new StatusStream();
    let connected = false;
    let done = false;
    const socket = net.connect({ host, port });
    const finish = (report: PrintReport) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(report);
    };
    const failed = (health: PrinterHealth, reason: string): PrintReport => ({ printed: false, health, reason, reachedPrinter: connected });
    const waitForAnswer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(failed('unknown', `the printer did not confirm the ticket within ${timeouts.confirmTimeoutMs} ms`)), timeouts.confirmTimeoutMs);
    };
    let timer = setTimeout(() => finish(failed('offline', `no connection to the printer within ${timeouts.connectTimeoutMs} ms`)), timeouts.connectTimeoutMs);

    socket.on('connect', () => {
      connected = true;
      // Bounded from now while the bytes go out, and again from the moment the last one left.
      waitForAnswer();
      socket.write(job, () => {
        if (!done) waitForAnswer();
      });
    });
    socket.on('data', (chunk: Buffer) => {
      stream.push(chunk);
      if (stream.garbled) return finish(failed('unknown', 'the printer answered something that is not a status'));
      const trouble = stream.autoStatus.map(healthOf).find((h) => !printsTickets(h));
      if (trouble) return finish(failed(trouble, `the printer reported ${describeHealth(trouble)} while printing`));
      if (stream.replies.length < ALL_STATUS_REQUESTS.length) return;
      const health = parsePrinterStatus(stream.replies.slice(0, ALL_STATUS_REQUESTS.length));
      if (!printsTickets(health)) return finish(failed(health, `the printer reported ${describeHealth(health)} after the ticket`));
      const nearEnd = health === 'paper_near_end' || stream.autoStatus.some((c) => c.paperNearEnd);
      finish({ printed: true, confirmed: true, health: nearEnd ? 'paper_near_end' : 'ok' });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      finish(failed('offline', connected ? `the connection to the printer broke during the ticket (${code})` : `cannot connect to the printer (${code})`));
    });
    socket.on('close', () => finish(failed('offline', 'the printer closed the connection before confirming the ticket')));
  });
}

function describeHealth(health: PrinterHealth): string {
  return health.replaceAll('_', ' ');
}
