// A branch server in its own process, for tests that kill it: `node --import tsx fault-server.ts <dataDir> <port>`.
// Prints "ready" once it listens on 127.0.0.1. Kiosks with a printer address are printed by the server.
//
// RINDA_FAULT_PAUSE_BEFORE_PRINT=1 opens the crash window between a ticket's commit and its print: the first
// fresh print of a ticket prints "paused-before-print <ticketId>" and never goes on, so a test can kill -9
// the server there. A hook of this test entry only: the product has no such switch.
import { createApp, createTicketPrinting, type PrinterAddressPolicy } from '@rinda/server';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: fault-server.ts <dataDir> <port>');
const pauseBeforePrint = process.env.RINDA_FAULT_PAUSE_BEFORE_PRINT === '1';
/** As tests/support/start-branch.ts: the virtual printer of a test listens on loopback. */
const printerAddresses: PrinterAddressPolicy = { tcpPorts: [{ from: 1, to: 65535 }], allowLoopback: true };
const app = createApp({
  dataDir,
  printerAddresses,
  logLevel: process.env.RINDA_LOG_LEVEL ?? 'error',
  printing: (ctx) => {
    const printing = createTicketPrinting(ctx);
    if (!pauseBeforePrint) return printing;
    return {
      ...printing,
      settle: (issued, config, options) => {
        if (options.checkFirst) return printing.settle(issued, config, options);
        console.log(`paused-before-print ${issued.ticket.id}`);
        return new Promise(() => {});
      },
    };
  },
});
app.httpServer.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
