import { businessDayOf, type LiveStaffingInputs } from '@rinda/shared';
import type { ReportServiceDeps } from '../reports/report-service';
import { dayCells, forecastFrom } from './staffing-advice';
import { serviceLevelsSoFar } from './staffing-history';

/** What the live alerts need from the history, read in the report worker: today's forecast and the day so far. */
export async function liveStaffingInputs(deps: ReportServiceDeps): Promise<LiveStaffingInputs> {
  const config = deps.config();
  const readAt = deps.now();
  const day = businessDayOf(readAt, config.branch.timeZone, config.branch.dayStart);
  const forecast = await forecastFrom(deps, day, 'live');
  const cells = dayCells(forecast, day);
  return {
    day,
    forecast: Object.fromEntries(
      [...cells].map(([id, hours]) => [id, [...hours].map(([hour, c]) => ({ hour, arrivals: c.arrivals, meanServiceSec: c.serviceTime.meanSec }))]),
    ),
    abandonPerSec: Object.fromEntries([...forecast].map(([id, f]) => [id, f.abandonPerSec])),
    soFar: await serviceLevelsSoFar(deps, day),
    readAt,
  };
}
