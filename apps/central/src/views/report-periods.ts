import { addDays, businessDayOf } from '@rinda/shared';
import { businessDayBounds, monthSegments, MONTH_DIMS, noDataGroups, type Dim, type LoadedGroups, type ReportSettings } from '@rinda/server/replay';

/** What a report needs to know of a branch's published roll-ups (rollup_branches). */
export interface PublishedBranch {
  /** The branch's complete_until when its roll-ups were published: its figures are as of then. */
  now: number;
  firstDataDay: string | null;
  settings: ReportSettings;
}

export interface PeriodPlan {
  /** Periods read from rollup_groups: whole closed months ('YYYY-MM') and days, closed or the open one. */
  stored: string[];
  /** Days before the branch's first data: computed here, without SQL (only hours have figures: observed time). */
  computed: Map<string, LoadedGroups>;
}

/**
 * The periods a branch's report over [from, to] reads, as of `now`, chosen exactly as the branch's periodPartials
 * and dayPartials choose them (apps/server/src/reports/rollup-store.ts), so the figures are the branch's: whole
 * closed months from month roll-ups when `months` is allowed, other days one by one, days after `now` not at all,
 * days before the first ticket or counter event as empty days. Months before the first data have no stored roll-up
 * at head office (rollup-publisher.ts publishes from the first data's month): their days are computed as empty.
 */
export function planPeriods(branch: PublishedBranch, from: string, to: string, dim: Dim, months: boolean): PeriodPlan {
  const { now, firstDataDay, settings } = branch;
  const plan: PeriodPlan = { stored: [], computed: new Map() };
  // Business days partition time: a day starts after `now` exactly when it comes after now's day, and ends by
  // `now` exactly when it comes before it. Comparing dates saves a zone conversion per day of the range.
  const today = businessDayOf(now, settings.timeZone, settings.dayStart);
  const addDay = (day: string) => {
    if (firstDataDay !== null && day >= firstDataDay) return plan.stored.push(day);
    const b = businessDayBounds(day, settings.dayStart, settings.timeZone);
    plan.computed.set(day, noDataGroups({ bounds: b, horizon: Math.min(now, b.endsAt), closed: b.endsAt <= now, settings }, dim));
  };
  const segments = months && MONTH_DIMS.includes(dim) ? monthSegments(from, to) : [{ month: '', from, to, whole: false }];
  for (const s of segments) {
    const closedMonth = s.whole && s.to < today;
    if (closedMonth && firstDataDay !== null && s.month >= firstDataDay.slice(0, 7)) {
      plan.stored.push(s.month);
      continue;
    }
    for (let day = s.from; day <= s.to; day = addDays(day, 1)) {
      // A closed month wholly before the first data is all empty days; elsewhere, days after now have nothing yet.
      if (!closedMonth && day > today) break;
      addDay(day);
    }
  }
  return plan;
}
