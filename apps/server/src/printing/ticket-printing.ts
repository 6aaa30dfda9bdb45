import {
  DEFAULT_PRINTER_PROFILE_ID,
  defaultPrinterProfile,
  messageOf,
  printerBlocksIssue,
  type BranchConfig,
  type IssuedTicket,
  type PrinterHealth,
  type PrinterProfile,
  type PrintOutcome,
} from '@rinda/shared';
import { printTicket, readPrinterStatus, type PrintReport, type PrinterTarget } from '@rinda/hardware';
import type { AppContext } from '../app-context';
import type { TicketPrinting } from '../ports';
import { kioskPrinter } from './kiosk-printer';
import { PrintJobs, type PrintJob } from './print-jobs';

export interface TicketPrintingOptions {
  /** How long a printer may take to answer DLE EOT before a number is issued; then its state is unknown (default 1000 ms). */
  statusTimeoutMs?: number;
  /** How long a printer may take to accept a print job's connection (default 1000 ms). */
  connectTimeoutMs?: number;
  /** How long after the ticket's last byte the printer may take to confirm it, or the ticket failed (default 2000 ms). */
  confirmTimeoutMs?: number;
  /**
   * A job still pending this long after its ticket was issued (the server stopped before printing it) is
   * reported failed on a retry rather than printed: the customer has most likely left (default 2 minutes).
   */
  pendingJobMaxAgeMs?: number;
}

const DEFAULT_PENDING_JOB_MAX_AGE_MS = 2 * 60_000;

/**
 * Prints tickets for kiosks that print through the server (a browser kiosk, the demo): to the printer in
 * the kiosk's devices.printer_url, laid out for its profile (devices.printer_profile in the configuration's
 * printerProfiles). A ticket counts as printed only when the printer confirms it after the cut. Each
 * ticket's print is a job row (print_jobs): pending with the ticket, sending before the first byte, then
 * printed or failed. Nothing is ever queued: a ticket the printer cannot take now is reported failed, so a
 * refilled printer prints no backlog.
 */
export function createTicketPrinting(ctx: AppContext, options: TicketPrintingOptions = {}): TicketPrinting {
  const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  const pendingJobMaxAgeMs = options.pendingJobMaxAgeMs ?? DEFAULT_PENDING_JOB_MAX_AGE_MS;
  const jobs = new PrintJobs(ctx.db);
  jobs.prune(ctx.clock());
  /** Prints under way in this process, by ticket id: a replay meanwhile waits for the same outcome. */
  const running = new Map<string, Promise<PrintOutcome>>();
  /**
   * Kiosks whose paper may hold a half ticket, so their next job feeds and cuts first. Known from the jobs
   * printed since the start; before that, from the kiosk's newest job in print_jobs.
   */
  const halfTicket = new Map<string, boolean>();

  const profileOf = (deviceId: string, config: BranchConfig): PrinterProfile => {
    const named = ctx.devices.get(deviceId)?.printer_profile ?? DEFAULT_PRINTER_PROFILE_ID;
    return config.printerProfiles[named] ?? config.printerProfiles[DEFAULT_PRINTER_PROFILE_ID] ?? defaultPrinterProfile;
  };

  const readHealth = async (deviceId: string, target: PrinterTarget): Promise<PrinterHealth> => {
    const health = await readPrinterStatus(target, { timeoutMs: statusTimeoutMs }).catch(() => 'unknown' as const);
    recordHealth(ctx, deviceId, health);
    return health;
  };

  const mayHoldHalfTicket = (job: PrintJob): boolean => {
    const known = halfTicket.get(job.deviceId);
    if (known !== undefined) return known;
    const last = jobs.lastStateBefore(job.deviceId, job.ticketId);
    return last === 'failed' || last === 'sending';
  };

  /** A job that will not be printed: recorded, the kiosk's health updated (with the reason, broadcast to staff at once). */
  const failJob = (job: PrintJob, health: PrinterHealth | null, reason: string, reachedPrinter: boolean): PrintOutcome => {
    jobs.finish(job.ticketId, 'failed', reason, ctx.clock());
    if (reachedPrinter) halfTicket.set(job.deviceId, true);
    ctx.logger.warn({ deviceId: job.deviceId, ticketId: job.ticketId, health, reason }, 'ticket not printed');
    if (health) recordHealth(ctx, job.deviceId, health, reason);
    return { status: 'failed', message: reason };
  };

  const print = async (job: PrintJob, issued: Omit<IssuedTicket, 'print'>, config: BranchConfig, checkFirst: boolean): Promise<PrintOutcome> => {
    const printer = await kioskPrinter(ctx, job.deviceId);
    if (printer === null) return failJob(job, 'offline', 'the kiosk has no printer address any more', false);
    if (!printer.ok) return failJob(job, 'offline', printer.reason, false);
    const target = printer.target;
    if (checkFirst) {
      // A replay: the printer may have run out since. Sending to it now would leave a backlog after the refill.
      const health = await readHealth(job.deviceId, target);
      if (printerBlocksIssue(health)) return failJob(job, health, `printer ${health.replaceAll('_', ' ')}`, false);
    }
    if (!jobs.markSending(job.ticketId)) return outcomeOf(jobs.find(job.ticketId));
    let report: PrintReport;
    try {
      report = await printTicket({ issued, config, profile: profileOf(job.deviceId, config) }, target, {
        afterFailure: mayHoldHalfTicket(job),
        connectTimeoutMs: options.connectTimeoutMs,
        confirmTimeoutMs: options.confirmTimeoutMs,
      });
    } catch (error) {
      report = { printed: false, health: 'offline', reason: `print failed: ${messageOf(error)}`, reachedPrinter: true };
    }
    if (!report.printed) return failJob(job, report.health, report.reason, report.reachedPrinter);
    jobs.finish(job.ticketId, 'printed', null, ctx.clock());
    halfTicket.set(job.deviceId, false);
    recordHealth(ctx, job.deviceId, report.health);
    ctx.logger.info({ deviceId: job.deviceId, ticketId: job.ticketId, confirmed: report.confirmed }, 'ticket printed');
    return { status: 'printed' };
  };

  return {
    async check(deviceId) {
      const printer = await kioskPrinter(ctx, deviceId);
      if (printer === null) return 'none';
      if (!printer.ok) {
        // A refused address is an offline printer with the reason in the device's events, for the manager to read.
        ctx.logger.warn({ deviceId, reason: printer.reason }, 'kiosk printer address refused');
        recordHealth(ctx, deviceId, 'offline', printer.reason);
        return 'offline';
      }
      return readHealth(deviceId, printer.target);
    },

    recordJob(deviceId, ticketId, at) {
      jobs.recordPending(ticketId, deviceId, at);
    },

    async settle(issued, config, { checkFirst }) {
      const ticketId = issued.ticket.id;
      const underWay = running.get(ticketId);
      if (underWay) return underWay;
      const job = jobs.find(ticketId);
      if (!job) return null;
      if (job.state === 'sending') {
        // Left so by a server that stopped mid-print: its bytes may be on the paper. Never print it twice.
        return failJob(job, null, 'the server stopped while this ticket was being printed; it may be incomplete', true);
      }
      if (job.state !== 'pending') return outcomeOf(job);
      const age = ctx.clock() - job.createdAt;
      if (age > pendingJobMaxAgeMs) return failJob(job, null, `not printed: the server stopped before printing, ${Math.round(age / 1000)} s ago`, false);
      const work = print(job, issued, config, checkFirst).catch((error: unknown) => {
        ctx.logger.error({ err: error, ticketId }, 'printing failed unexpectedly');
        return { status: 'failed', message: 'printing failed' } satisfies PrintOutcome;
      });
      running.set(ticketId, work);
      try {
        return await work;
      } finally {
        running.delete(ticketId);
      }
    },
  };
}

function outcomeOf(job: PrintJob | null): PrintOutcome {
  if (job?.state === 'printed') return { status: 'printed' };
  return { status: 'failed', message: job?.reason ?? 'printing did not finish' };
}

/** Staff see a printer's health change at once (device:updated); a failure with its reason is also an event. */
function recordHealth(ctx: AppContext, deviceId: string, health: PrinterHealth, detail?: string): void {
  try {
    ctx.devices.setPrinterHealth(deviceId, health, detail);
  } catch (error) {
    ctx.logger.error({ err: error, deviceId }, 'could not record printer health');
  }
}
