import { addDays, businessDayOf, type BranchConfig, type DayFigures, type HourFigures, type ServiceBucket } from '@rinda/shared';
import { dayPartials } from '../reports/rollup-store';
import { emptyPartial, mergePartial, type ReportPartial, type StoredForm } from '../reports/report-partial';
import { reportSettings } from '../reports/report-settings';
import type { ReportServiceDeps } from '../reports/report-service';
import { businessDayBounds } from '../reports/zoned-time';
import { bucketFrom, forEachBucket } from '../reports/wait-histogram';

/**
 * What staffing advice reads from the report roll-ups (in the report worker, never on the server's thread):
 * each closed day's legs by service and hour, and counter time by counter and hour.
 */

/** One partial to decode stored groups into, cleared after each: a year of groups allocates no histograms. */
class Scratch {
  private readonly partial: ReportPartial;

  /** `histogram`: decode the service-time histogram too (skipped, it costs most of the decoding). */
  constructor(histogram: boolean) {
    this.partial = emptyPartial(histogram ? ['serviceHist'] : []);
  }

  read<T>(stored: ReportPartial | StoredForm, use: (p: ReportPartial) => T): T {
    mergePartial(this.partial, stored);
    const result = use(this.partial);
    const histogram = this.partial.serviceHist;
    Object.assign(this.partial, emptyPartial([]), { serviceHist: histogram });
    histogram.fill(0);
    return result;
  }
}

/** Splits a group key '<id>|<hour>'; the empty marker group gives null. */
function idAndHour(key: string): [string, number] | null {
  const at = key.lastIndexOf('|');
  return at < 0 ? null : [key.slice(0, at), Number(key.slice(at + 1))];
}

/**
 * The closed business days in [from, to] since the branch's first ticket, with their legs by service and hour;
 * with `buckets`, each hour's service-time distribution too (what the simulation draws from).
 */
export async function serviceHourHistory(deps: ReportServiceDeps, from: string, to: string, buckets: boolean): Promise<DayFigures[]> {
  const first = (deps.readDb.prepare('SELECT min(business_day) AS day FROM tickets').get() as { day: string | null }).day;
  if (first === null) return [];
  const start = first > from ? first : from;
  const config = deps.config();
  const today = businessDayOf(deps.now(), config.branch.timeZone, config.branch.dayStart);
  const end = to < today ? to : addDays(today, -1);
  if (start > end) return [];
  const scratch = new Scratch(buckets);
  const days = await dayPartials(rollupDeps(deps, config), start, end, 'serviceHour');
  const out: DayFigures[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) {
    const services = new Map<string, Map<number, HourFigures>>();
    for (const [key, stored] of days.get(day) ?? []) {
      const parsed = idAndHour(key);
      if (!parsed) continue;
      const [serviceId, hour] = parsed;
      const figures = scratch.read(stored, (p) => toHourFigures(p, buckets));
      let hours = services.get(serviceId);
      if (!hours) services.set(serviceId, (hours = new Map()));
      hours.set(hour, figures);
    }
    out.push({ day, services });
  }
  return out;
}

function toHourFigures(p: ReportPartial, buckets: boolean): HourFigures {
  const serviceBuckets: ServiceBucket[] = [];
  if (buckets) forEachBucket(p.serviceHist, (seconds, count) => serviceBuckets.push([bucketFrom(seconds), seconds, count]));
  return {
    arrivals: p.legs, served: p.serviceN, serviceSumSec: p.serviceSumMs / 1000, called: p.legsCalled, noShows: p.noShows,
    waitSumSec: p.waitSumMs / 1000, serviceBuckets,
  };
}

/** Counter time per day, counter and local hour: how much of the hour it was signed in and not paused (0–1). */
export type CounterHours = Map<string, Map<number, Map<string, number>>>;

/** Counter availability for the days in [from, to] up to now (today's hours so far, computed live). */
export async function counterHours(deps: ReportServiceDeps, from: string, to: string): Promise<CounterHours> {
  const config = deps.config();
  const scratch = new Scratch(false);
  const days = await dayPartials(rollupDeps(deps, config), from, to, 'counterHour');
  const out: CounterHours = new Map();
  for (const [day, groups] of days) {
    const hours = new Map<number, Map<string, number>>();
    for (const [key, stored] of groups) {
      const parsed = idAndHour(key);
      if (!parsed) continue;
      const [counterId, hour] = parsed;
      const share = scratch.read(stored, (p) => p.availableMs / 3_600_000);
      if (share <= 0) continue;
      let counters = hours.get(hour);
      if (!counters) hours.set(hour, (counters = new Map()));
      counters.set(counterId, (counters.get(counterId) ?? 0) + share);
    }
    out.set(day, hours);
  }
  return out;
}

/** Service level so far on `day` (the reports' figures: legs within T, legs counted) per service. */
export async function serviceLevelsSoFar(deps: ReportServiceDeps, day: string): Promise<Record<string, { within: number; counted: number }>> {
  const config = deps.config();
  const scratch = new Scratch(false);
  const days = await dayPartials(rollupDeps(deps, config), day, day, 'service');
  const out: Record<string, { within: number; counted: number }> = {};
  for (const [serviceId, stored] of days.get(day) ?? []) out[serviceId] = scratch.read(stored, (p) => ({ within: p.slWithin, counted: p.slDenominator }));
  return out;
}

/** The instant a local clock hour of a business day starts (an hour before the day start belongs to the next date). */
export function hourStartsAt(config: BranchConfig, day: string, hour: number): number {
  const dayStartHour = Math.floor(Number(config.branch.dayStart.slice(0, 2)));
  const date = hour < dayStartHour ? addDays(day, 1) : day;
  return businessDayBounds(date, `${String(hour).padStart(2, '0')}:00`, config.branch.timeZone).startsAt;
}

function rollupDeps(deps: ReportServiceDeps, config: BranchConfig) {
  return { readDb: deps.readDb, writeRollups: deps.writeRollups, settings: () => reportSettings(config), now: deps.now };
}
