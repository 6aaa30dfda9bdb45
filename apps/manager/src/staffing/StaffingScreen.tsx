import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, businessDayOf, dateIsoWeekday, type BranchConfig, type StaffLanguage, type StaffingDay, type StaffingWeek } from '@rinda/shared';
import { ColumnHeads } from '../components/ColumnHeads';
import { downloadWeekCsv, fetchDayCheck, fetchWeek } from '../model/staffing-api';
import { WeekGrid } from './WeekGrid';
import { WhatIfForm } from './WhatIfForm';

interface Props {
  token: string;
  config: BranchConfig;
  now: number;
}

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Staffing advice for a week: the grid of counters recommended against signed in, the forecast behind it, a what-if. */
export function StaffingScreen({ token, config, now }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as StaffLanguage;
  const today = businessDayOf(now, config.branch.timeZone, config.branch.dayStart);
  const [from, setFrom] = useState(() => addDays(today, 1 - dateIsoWeekday(today)));
  const [week, setWeek] = useState<StaffingWeek | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [day, setDay] = useState(today);
  const [check, setCheck] = useState<StaffingDay | null>(null);
  const [checking, setChecking] = useState(false);
  const serviceName = useMemo(() => (id: string) => config.services.find((s) => s.id === id)?.names[language] ?? id, [config, language]);

  useEffect(() => {
    let cancelled = false;
    setWeek(null);
    setCheck(null);
    void fetchWeek(token, from).then((r) => {
      if (cancelled) return;
      if (r.ok) setWeek(r.data);
      setError(r.ok ? null : r.message);
    });
    return () => {
      cancelled = true;
    };
  }, [token, from, config]);

  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  // The day chosen, or the week's first when the week shown does not contain it.
  const shownDay = days.includes(day) ? day : days[0]!;
  const runCheck = async () => {
    setChecking(true);
    const r = await fetchDayCheck(token, shownDay);
    setChecking(false);
    setCheck(r.ok ? r.data : null);
    setError(r.ok ? null : r.message);
  };
  const download = async () => {
    const r = await downloadWeekCsv(token, from);
    setError(r.ok ? null : r.message);
  };

  return (
    <div className="staffing">
      <form className="report-controls" onSubmit={(e) => e.preventDefault()}>
        <button type="button" onClick={() => setFrom(addDays(from, -7))}>{t('staffing.previousWeek')}</button>
        <label>
          {t('staffing.weekOf')}{' '}
          <input type="date" value={from} onChange={(e) => e.target.value && setFrom(addDays(e.target.value, 1 - dateIsoWeekday(e.target.value)))} />
        </label>
        <button type="button" onClick={() => setFrom(addDays(from, 7))}>{t('staffing.nextWeek')}</button>
        <button type="button" onClick={() => void download()}>{t('reports.downloadCsv')}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {!week ? (
        !error && <p>{t('staffing.computing')}</p>
      ) : (
        <>
          <WeekGrid week={week} days={days} />
          <section aria-labelledby="forecast-heading">
            <h2 id="forecast-heading">{t('staffing.forecastQuality')}</h2>
            <p className="muted">{t('staffing.forecastExplained', { weeks: week.weeks, backtest: week.backtestWeeks })}</p>
            <table>
              <ColumnHeads labels={['staffing.service', 'monitor.target', 'staffing.arrivalsWape', 'staffing.serviceTimeWape', 'staffing.patience']} />
              <tbody>
                {week.services.map((s) => (
                  <tr key={s.serviceId}>
                    <th scope="row">{serviceName(s.serviceId)}</th>
                    <td>{t('monitor.targetValue', { goal: s.goalPercent, minutes: s.targetMin })}</td>
                    <td>{s.arrivalsWapePercent === null ? '—' : `${s.arrivalsWapePercent}%`}</td>
                    <td>{s.serviceTimeWapePercent === null ? '—' : `${s.serviceTimeWapePercent}%`}</td>
                    <td>{s.patienceMin === null ? '—' : t('staffing.minutes', { minutes: s.patienceMin })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="day-heading">
            <h2 id="day-heading">{t('staffing.dayDetails')}</h2>
            <label>
              {t('staffing.day')}{' '}
              <select value={shownDay} onChange={(e) => { setDay(e.target.value); setCheck(null); }}>
                {days.map((d) => <option key={d} value={d}>{`${t(`weekdays.${dateIsoWeekday(d)}`)} ${d}`}</option>)}
              </select>
            </label>
            <div className="scroll" tabIndex={0} aria-label={t('staffing.dayDetails')}>
              <table>
                <ColumnHeads labels={['staffing.hour', 'staffing.service', 'staffing.forecastArrivals', 'staffing.cellWape', 'staffing.meanService', 'staffing.erlangC', 'staffing.erlangA', 'staffing.actual', 'staffing.expectedLevel']} />
                <tbody>
                  {week.cells.filter((c) => c.day === shownDay).map((c) => (
                    <tr key={`${c.hour}-${c.serviceId}`}>
                      <td>{hourLabel(c.hour)}</td>
                      <th scope="row">{serviceName(c.serviceId)}</th>
                      <td>{c.forecastArrivals}</td>
                      <td>{c.arrivalsWapePercent === null ? '—' : `${c.arrivalsWapePercent}%`}</td>
                      <td>{c.meanServiceSec}</td>
                      <td>{c.erlangCCounters ?? '—'}</td>
                      <td>{c.erlangACounters ?? '—'}</td>
                      <td>{c.actualCounters ?? '—'}</td>
                      <td>{c.expectedServiceLevelPercent === null ? '—' : `${c.expectedServiceLevelPercent}%`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" disabled={checking} onClick={() => void runCheck()}>{t('staffing.checkBySimulation')}</button>
            {checking && <p role="status">{t('staffing.simulating')}</p>}
            {check && (
              <table aria-label={t('staffing.simulationResult')}>
                <ColumnHeads labels={['staffing.hour', 'staffing.smallestStaffing', 'staffing.meetsGoals', 'staffing.simulatedLevels']} />
                <tbody>
                  {check.hours.map((h) => (
                    <tr key={h.hour}>
                      <td>{hourLabel(h.hour)}</td>
                      <td>{h.counters} ({h.counterIds.map((id) => config.counters.find((c) => c.id === id)?.name ?? id).join(', ')})</td>
                      <td>{t(h.meetsGoals ? 'staffing.yes' : 'staffing.no')}</td>
                      <td>{Object.entries(h.serviceLevels).map(([id, level]) => `${serviceName(id)} ${level ?? '—'}%`).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <WhatIfForm token={token} config={config} days={days} serviceName={serviceName} />
        </>
      )}
    </div>
  );
}
