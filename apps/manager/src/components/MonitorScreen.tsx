import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDayOf, formatDuration, type BranchSnapshot, type StaffLanguage } from '@rinda/shared';
import { counterRows, serviceRows } from '../model/monitor-model';
import { fetchReport } from '../model/report-api';
import { ColumnHeads } from './ColumnHeads';
import { StaffingAlerts } from './StaffingAlerts';

interface Props {
  view: BranchSnapshot;
  now: number;
  token: string;
}

const SERVICE_LEVEL_REFRESH_MS = 30_000;

/** The branch right now: queues against their targets, counters, devices. */
export function MonitorScreen({ view, now, token }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as StaffLanguage;
  const today = businessDayOf(now, view.config.branch.timeZone, view.config.branch.dayStart);
  const serviceLevels = useServiceLevelsToday(token, today, view.config);
  const services = serviceRows(view, now, language);
  const counters = counterRows(view, now, language);
  return (
    <div className="monitor">
      <StaffingAlerts alerts={view.alerts} config={view.config} />
      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t('monitor.services')}</h2>
        <table>
          <ColumnHeads labels={['monitor.service', 'monitor.waiting', 'monitor.longestWait', 'monitor.target', 'monitor.serviceLevelToday']} />
          <tbody>
            {services.map((s) => {
              const sl = serviceLevels.get(s.id) ?? null;
              return (
                <tr key={s.id} data-service={s.id} className={`level-${s.level}`}>
                  <th scope="row">{s.name}</th>
                  <td>{s.waiting}</td>
                  <td>
                    {s.longestWaitMs === null ? '—' : formatDuration(s.longestWaitMs)}
                    {s.level !== 'ok' && (
                      <strong role="status" className={`badge badge-${s.level}`}>
                        {t(s.level === 'over' ? 'monitor.overTarget' : 'monitor.nearTarget')}
                      </strong>
                    )}
                  </td>
                  <td data-testid={`target-${s.id}`}>{t('monitor.targetValue', { goal: s.goalPercent, minutes: s.targetMin })}</td>
                  <td className={sl !== null && sl < s.goalPercent ? 'below-goal' : undefined}>{sl === null ? '—' : `${sl}%`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="counters-heading">
        <h2 id="counters-heading">{t('monitor.counters')}</h2>
        <table>
          <ColumnHeads labels={['monitor.counter', 'monitor.state', 'monitor.teller', 'monitor.currentTicket', 'monitor.for']} />
          <tbody>
            {counters.map((c) => (
              <tr key={c.id} data-counter={c.id}>
                <th scope="row">{c.name}</th>
                <td className={`state-${c.state}`}>
                  {t(`monitor.states.${c.ticket ? 'serving' : c.state}`)}
                  {c.pauseReason && ` (${c.pauseReason})`}
                </td>
                <td>{c.teller ?? '—'}</td>
                <td>{c.ticket ?? '—'}</td>
                <td>{c.forMs === null ? '—' : formatDuration(c.forMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">{t('monitor.devices')}</h2>
        {view.devices.length === 0 ? (
          <p className="muted">{t('monitor.noDevices')}</p>
        ) : (
          <ul className="devices">
            {view.devices.filter((d) => !d.revoked).map((d) => (
              <li key={d.id} className={d.connected ? 'connected' : 'disconnected'}>
                <strong>{d.name}</strong> · {t(`deviceKinds.${d.kind}`)} · {t(d.connected ? 'monitor.connected' : 'monitor.notConnected')}
                {d.kind === 'kiosk' && d.printer !== 'none' && (
                  <span className={d.printer === 'ok' ? 'printer-ok' : d.printer === 'paper_near_end' ? 'printer-warn' : 'printer-bad'}> · {t(`printer.${d.printer}`)}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Today's service level per service, from the report endpoint, refreshed and on configuration changes. */
function useServiceLevelsToday(token: string, today: string, config: BranchSnapshot['config']): Map<string, number | null> {
  const [levels, setLevels] = useState<Map<string, number | null>>(new Map());
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void fetchReport(token, 'summary', today, today, 'service').then((r) => {
        if (!cancelled && r.ok) setLevels(new Map(r.data.rows.map((row) => [String(row.group), row.serviceLevelPercent as number | null])));
      });
    load();
    const timer = setInterval(load, SERVICE_LEVEL_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [token, today, config]);
  return levels;
}
