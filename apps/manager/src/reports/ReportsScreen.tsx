import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDayOf, GROUP_BYS, reportGrouping, type BranchConfig, type GroupBy, type ReportTable, type StaffLanguage } from '@rinda/shared';
import { presetRange, RANGE_PRESETS, type RangePreset } from '../model/date-ranges';
import { fetchReport } from '../model/report-api';
import { ColumnChart } from './ColumnChart';
import { MeterChart } from './MeterChart';
import { ReportTableView } from './ReportTableView';

/** "At most" is the 90th percentile: nine customers in ten should be called by then. */
const PROMISE_GOAL_PERCENT = 90;

interface Props {
  token: string;
  config: BranchConfig;
  now: number;
  tellerNames: Map<string, string>;
}

interface Reports {
  summary: ReportTable;
  byService: ReportTable;
  histogram: ReportTable;
  hourly: ReportTable;
  counters: ReportTable;
  promises: ReportTable;
  promisesByService: ReportTable;
}

export function ReportsScreen({ token, config, now, tellerNames }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as StaffLanguage;
  const today = businessDayOf(now, config.branch.timeZone, config.branch.dayStart);
  const [preset, setPreset] = useState<RangePreset>('today');
  const [custom, setCustom] = useState({ from: today, to: today });
  const [groupBy, setGroupBy] = useState<GroupBy>('service');
  const [reports, setReports] = useState<Reports | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range = preset === 'custom' ? custom : presetRange(preset, today);

  useEffect(() => {
    let cancelled = false;
    const { from, to } = range;
    void Promise.all([
      fetchReport(token, 'summary', from, to, groupBy),
      fetchReport(token, 'summary', from, to, 'service'),
      fetchReport(token, 'wait-histogram', from, to, 'service'),
      fetchReport(token, 'hourly', from, to, 'hour'),
      fetchReport(token, 'counters', from, to, reportGrouping('counters', groupBy)),
      // The wait told at the kiosk is judged by service, hour and day: a counter is not known when it is told.
      fetchReport(token, 'wait-promises', from, to, reportGrouping('wait-promises', groupBy)),
      fetchReport(token, 'wait-promises', from, to, 'service'),
    ]).then(([summary, byService, histogram, hourly, counters, promises, promisesByService]) => {
      if (cancelled) return;
      const failed = [summary, byService, histogram, hourly, counters, promises, promisesByService].find((r) => !r.ok);
      if (failed && !failed.ok) return setError(failed.message);
      if (summary.ok && byService.ok && histogram.ok && hourly.ok && counters.ok && promises.ok && promisesByService.ok)
        setReports({
          summary: summary.data, byService: byService.data, histogram: histogram.data, hourly: hourly.data, counters: counters.data,
          promises: promises.data, promisesByService: promisesByService.data,
        });
      setError(null);
    });
    return () => {
      cancelled = true;
    };
  }, [token, range.from, range.to, groupBy]);

  const label = useMemo(() => groupLabel(config, language, tellerNames, t), [config, language, tellerNames, t]);

  return (
    <div className="reports">
      <h2>{t('tabs.reports')}</h2>
      <form className="report-controls" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('reports.range')}</legend>
          {RANGE_PRESETS.map((p) => (
            <label key={p} className="chip">
              <input type="radio" name="range" value={p} checked={preset === p} onChange={() => setPreset(p)} />
              {t(`reports.presets.${p}`)}
            </label>
          ))}
          {preset === 'custom' && (
            <>
              <label>{t('reports.from')} <input type="date" value={custom.from} max={custom.to} onChange={(e) => setCustom({ ...custom, from: e.target.value })} /></label>
              <label>{t('reports.to')} <input type="date" value={custom.to} min={custom.from} onChange={(e) => setCustom({ ...custom, to: e.target.value })} /></label>
            </>
          )}
        </fieldset>
        <label>
          {t('reports.groupBy')}{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            {GROUP_BYS.map((g) => <option key={g} value={g}>{t(`groupBy.${g}`)}</option>)}
          </select>
        </label>
        <span className="muted">{t('reports.period', { from: range.from, to: range.to })}</span>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {reports && (
        <>
          <div className="charts">
            <WaitHistograms table={reports.histogram} label={label} config={config} />
            <ColumnChart
              title={t('charts.arrivalsVsServed')}
              labels={reports.hourly.rows.map((r) => label.hour(String(r.group)))}
              series={[
                { name: t('columns.arrivals'), className: 'series-a', values: reports.hourly.rows.map((r) => Number(r.arrivals ?? 0)) },
                { name: t('columns.servedInHour'), className: 'series-b', values: reports.hourly.rows.map((r) => Number(r.servedInHour ?? 0)) },
              ]}
            />
            <MeterChart
              title={t('charts.serviceLevel')}
              goalLabel={t('columns.goalPercent')}
              meters={reports.byService.rows.map((r) => ({ label: label.of('service', String(r.group)), value: r.serviceLevelPercent as number | null, goal: r.goalPercent as number | null }))}
            />
            <MeterChart
              title={t('charts.promiseKept')}
              goalLabel={t('columns.goalPercent')}
              meters={reports.promisesByService.rows.map((r) => ({ label: label.of('service', String(r.group)), value: r.promiseKeptPercent as number | null, goal: PROMISE_GOAL_PERCENT }))}
            />
            <MeterChart
              title={t('charts.utilisation')}
              meters={reports.counters.rows.map((r) => ({ label: label.of(reports.counters.groupBy, String(r.group)), value: r.utilisationPercent as number | null, goal: null }))}
            />
          </div>
          <ReportTableView title={t('tables.summary')} table={reports.summary} token={token} label={(k) => label.of(groupBy, k)} />
          <ReportTableView title={t('tables.hourly')} table={reports.hourly} token={token} label={label.hour} />
          <ReportTableView title={t('tables.counters')} table={reports.counters} token={token} label={(k) => label.of(reports.counters.groupBy, k)} />
          <ReportTableView title={t('tables.waitPromises')} table={reports.promises} token={token} label={(k) => label.of(reports.promises.groupBy, k)} />
          <ReportTableView title={t('tables.histogram')} table={reports.histogram} token={token} label={(k) => label.of('service', k)} />
        </>
      )}
    </div>
  );
}

function WaitHistograms({ table, label, config }: { table: ReportTable; label: GroupLabel; config: BranchConfig }) {
  const { t } = useTranslation();
  return (
    <>
      {config.services.map((s) => {
        const rows = table.rows.filter((r) => r.group === s.id);
        if (rows.length === 0) return null;
        const last = Math.max(s.targetWaitMin + 3, ...rows.map((r) => Number(r.toMin)));
        const bins = Array.from({ length: Math.ceil(last) }, (_, m) => Number(rows.find((r) => r.fromMin === m)?.legs ?? 0));
        return (
          <ColumnChart
            key={s.id}
            title={t('charts.waitHistogram', { service: label.of('service', s.id) })}
            labels={bins.map((_, m) => String(m))}
            series={[{ name: t('columns.legs'), className: 'series-a', values: bins }]}
            markerAt={s.targetWaitMin}
            markerLabel={t('charts.target', { minutes: s.targetWaitMin })}
          />
        );
      })}
    </>
  );
}

interface GroupLabel {
  of(groupBy: GroupBy, key: string): string;
  hour(key: string): string;
}

function groupLabel(config: BranchConfig, language: StaffLanguage, tellers: Map<string, string>, t: (k: string) => string): GroupLabel {
  const hour = (key: string) => `${key.padStart(2, '0')}:00`;
  return {
    hour,
    of(groupBy, key) {
      if (key === '') return t('reports.none');
      switch (groupBy) {
        case 'service':
          return config.services.find((s) => s.id === key)?.names[language] ?? key;
        case 'counter':
          return config.counters.find((c) => c.id === key)?.name ?? key;
        case 'teller':
          return tellers.get(key) ?? key;
        case 'hour':
          return hour(key);
        case 'weekday':
          return t(`weekdays.${key}`);
        case 'day':
          return key;
      }
    },
  };
}
