import { useTranslation } from 'react-i18next';
import { dateIsoWeekday, type StaffingInterval, type StaffingWeek } from '@rinda/shared';

/**
 * Hours down, days across: counters recommended against counters signed in. An hour staffed below the
 * recommendation is marked by colour, a hatched pattern and words ("2 short"), never by colour alone.
 */
export function WeekGrid({ week, days }: { week: StaffingWeek; days: string[] }) {
  const { t } = useTranslation();
  const byKey = new Map(week.intervals.map((i) => [`${i.day}|${i.hour}`, i]));
  const hours = [...new Set(week.intervals.map((i) => i.hour))].sort((a, b) => a - b);
  if (hours.length === 0) return <p className="muted">{t('staffing.noHistory')}</p>;
  return (
    <section aria-labelledby="grid-heading">
      <h2 id="grid-heading">{t('staffing.grid')}</h2>
      <p className="muted">{t('staffing.gridExplained')}</p>
      <div className="scroll" tabIndex={0} aria-label={t('staffing.grid')}>
        <table className="week-grid">
          <thead>
            <tr>
              <th scope="col">{t('staffing.hour')}</th>
              {days.map((d) => <th key={d} scope="col">{t(`weekdays.${dateIsoWeekday(d)}`)}<br /><span className="muted">{d}</span></th>)}
            </tr>
          </thead>
          <tbody>
            {hours.map((hour) => (
              <tr key={hour}>
                <th scope="row">{`${String(hour).padStart(2, '0')}:00`}</th>
                {days.map((d) => <GridCell key={d} interval={byKey.get(`${d}|${hour}`)} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function GridCell({ interval }: { interval: StaffingInterval | undefined }) {
  const { t } = useTranslation();
  if (!interval) return <td className="muted">—</td>;
  const short = interval.actualCounters === null ? 0 : Math.ceil(interval.recommendedCounters - interval.actualCounters - 1e-9);
  return (
    <td className={interval.under ? 'under' : undefined} data-day={interval.day} data-hour={interval.hour}>
      <span>{t('staffing.cell', { recommended: interval.recommendedCounters, actual: interval.actualCounters ?? '—' })}</span>
      {interval.under && <strong className="short">{t('staffing.short', { count: short })}</strong>}
    </td>
  );
}
