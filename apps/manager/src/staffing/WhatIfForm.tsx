import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateIsoWeekday, type BranchConfig, type StaffingWhatIf } from '@rinda/shared';
import { ColumnHeads } from '../components/ColumnHeads';
import { fetchWhatIf } from '../model/staffing-api';

const HOURS = Array.from({ length: 25 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** "One more counter for Cash from 10:00 to 12:00": the day simulated as staffed and with the change. */
export function WhatIfForm({ token, config, days, serviceName }: { token: string; config: BranchConfig; days: string[]; serviceName: (id: string) => string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ day: days[0]!, fromHour: 10, toHour: 12, serviceId: config.services[0]?.id ?? '', extra: 1 });
  const [result, setResult] = useState<StaffingWhatIf | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const day = days.includes(draft.day) ? draft.day : days[0]!;
  const submit = async () => {
    setBusy(true);
    const r = await fetchWhatIf(token, { ...draft, day });
    setBusy(false);
    setResult(r.ok ? r.data : null);
    setError(r.ok ? null : r.message);
  };
  return (
    <section aria-labelledby="what-if-heading">
      <h2 id="what-if-heading">{t('staffing.whatIf')}</h2>
      <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="fields">
          <label>{t('staffing.day')}
            <select value={day} onChange={(e) => setDraft({ ...draft, day: e.target.value })}>
              {days.map((d) => <option key={d} value={d}>{`${t(`weekdays.${dateIsoWeekday(d)}`)} ${d}`}</option>)}
            </select>
          </label>
          <label>{t('staffing.extraCounters')}
            <input type="number" min={-10} max={10} value={draft.extra} onChange={(e) => setDraft({ ...draft, extra: Number(e.target.value) })} />
          </label>
          <label>{t('staffing.service')}
            <select value={draft.serviceId} onChange={(e) => setDraft({ ...draft, serviceId: e.target.value })}>
              {config.services.map((s) => <option key={s.id} value={s.id}>{serviceName(s.id)}</option>)}
            </select>
          </label>
          <label>{t('staffing.from')}
            <select value={draft.fromHour} onChange={(e) => setDraft({ ...draft, fromHour: Number(e.target.value) })}>
              {HOURS.slice(0, 24).map((h) => <option key={h} value={h}>{hourLabel(h)}</option>)}
            </select>
          </label>
          <label>{t('staffing.to')}
            <select value={draft.toHour} onChange={(e) => setDraft({ ...draft, toHour: Number(e.target.value) })}>
              {HOURS.slice(1).map((h) => <option key={h} value={h}>{hourLabel(h)}</option>)}
            </select>
          </label>
        </div>
        <button type="submit" disabled={busy || draft.extra === 0 || draft.fromHour >= draft.toHour}>{t('staffing.simulate')}</button>
        {busy && <p role="status">{t('staffing.simulating')}</p>}
        {error && <p role="alert" className="error">{error}</p>}
      </form>
      {result && (
        <>
          <p>{t(`staffing.baseline.${result.baseline}`)}</p>
          <table aria-label={t('staffing.whatIfResult')}>
            <ColumnHeads labels={['staffing.service', 'columns.goalPercent', 'staffing.asStaffed', 'staffing.withChange', 'staffing.erlangAsStaffed', 'staffing.erlangWithChange']} />
            <tbody>
              {result.services.map((s) => (
                <tr key={s.serviceId} data-service={s.serviceId}>
                  <th scope="row">{serviceName(s.serviceId)}</th>
                  <td>{s.goalPercent}%</td>
                  <Level value={s.baselinePercent} goal={s.goalPercent} />
                  <Level value={s.withChangePercent} goal={s.goalPercent} />
                  <Level value={s.erlangBaselinePercent} goal={s.goalPercent} />
                  <Level value={s.erlangWithChangePercent} goal={s.goalPercent} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** A service level against its goal: below it is said in words as well as in colour. */
function Level({ value, goal }: { value: number | null; goal: number }) {
  const { t } = useTranslation();
  if (value === null) return <td>—</td>;
  const below = value < goal;
  return <td className={below ? 'below-goal' : undefined}>{`${value}%`}{below && <span> ({t('staffing.belowGoal')})</span>}</td>;
}
