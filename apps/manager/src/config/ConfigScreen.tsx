import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_LANGUAGES,
  PutAlertsRoute,
  PutBranchRoute,
  PutCounterRoute,
  PutPriorityPolicyRoute,
  PutServiceRoute,
  type BranchConfig,
  type CounterConfig,
  type ServiceConfig,
} from '@rinda/shared';
import { CentralBundleCard } from './CentralBundleCard';
import { FormStatus } from './FormStatus';
import { formatOpeningHours, parseOpeningHours } from './opening-hours';
import { useAdminCall } from './use-admin-call';
import { useDraft } from './use-draft';

interface Props {
  token: string;
  config: BranchConfig;
}

/** Every part of the branch configuration; each save is applied live and audited by the server. */
export function ConfigScreen({ token, config }: Props) {
  const { t } = useTranslation();
  return (
    <div className="config">
      <CentralBundleCard token={token} config={config} />
      <h2>{t('config.services')}</h2>
      {config.services.map((s) => <ServiceForm key={s.id} token={token} service={s} config={config} />)}
      <h2>{t('config.counters')}</h2>
      {config.counters.map((c) => <CounterForm key={c.id} token={token} counter={c} />)}
      <h2>{t('config.branch')}</h2>
      <BranchForm token={token} config={config} />
      <h2>{t('config.priorityPolicy')}</h2>
      <PolicyForm token={token} config={config} />
      <h2>{t('config.alerts')}</h2>
      <AlertsForm token={token} config={config} />
    </div>
  );
}

function ServiceForm({ token, service, config }: { token: string; service: ServiceConfig; config: BranchConfig }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useDraft(service);
  const [hours, setHours] = useDraft(formatOpeningHours(service.openingHours));
  const { error, saved, busy, run } = useAdminCall(token);
  const [hoursError, setHoursError] = useState(false);
  const save = async () => {
    const openingHours = parseOpeningHours(hours);
    setHoursError(openingHours === 'invalid');
    if (openingHours === 'invalid') return;
    await run(PutServiceRoute, { params: { id: service.id }, body: { ...draft, openingHours } });
  };
  return (
    <form className="card" aria-label={t('config.serviceForm', { id: service.id })} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h3>{service.names.en} <code>{service.id}</code></h3>
      <div className="fields">
        <label>{t('config.prefix')}<input value={draft.prefix} onChange={(e) => setDraft({ ...draft, prefix: e.target.value.toUpperCase() })} maxLength={2} /></label>
        <label>{t('config.targetWaitMin')}<input type="number" min={0.01} step="any" value={draft.targetWaitMin} onChange={(e) => setDraft({ ...draft, targetWaitMin: Number(e.target.value) })} /></label>
        <label>{t('config.goalPercent')}<input type="number" min={1} max={100} value={draft.goalPercent} onChange={(e) => setDraft({ ...draft, goalPercent: Number(e.target.value) })} /></label>
        <label className="inline"><input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />{t('config.active')}</label>
      </div>
      <fieldset className="fields">
        <legend>{t('config.names')}</legend>
        {CUSTOMER_LANGUAGES.map((l) => (
          <label key={l}>{l.toUpperCase()}<input value={draft.names[l]} onChange={(e) => setDraft({ ...draft, names: { ...draft.names, [l]: e.target.value } })} /></label>
        ))}
      </fieldset>
      <fieldset className="fields">
        <legend>{t('config.priorityReasons')}</legend>
        {config.priorityReasons.map((r) => (
          <label key={r.id} className="inline">
            <input
              type="checkbox"
              checked={draft.priorityReasonIds.includes(r.id)}
              onChange={(e) => setDraft({ ...draft, priorityReasonIds: e.target.checked ? [...draft.priorityReasonIds, r.id] : draft.priorityReasonIds.filter((x) => x !== r.id) })}
            />
            {r.names.en}
          </label>
        ))}
      </fieldset>
      <label>
        {t('config.openingHours')}
        <textarea rows={2} value={hours} onChange={(e) => setHours(e.target.value)} aria-describedby={`hours-help-${service.id}`} />
        <small id={`hours-help-${service.id}`}>{t('config.openingHoursHelp')}</small>
      </label>
      {hoursError && <p role="alert" className="error">{t('config.openingHoursInvalid')}</p>}
      <FormStatus error={error} saved={saved} />
      <button type="submit" disabled={busy}>{t('config.save')}</button>
    </form>
  );
}

function CounterForm({ token, counter }: { token: string; counter: CounterConfig }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ name: counter.name, number: counter.number, services: counter.serviceIds.join(', ') });
  const { error, saved, busy, run } = useAdminCall(token);
  const save = () =>
    run(PutCounterRoute, {
      params: { id: counter.id },
      body: { id: counter.id, name: draft.name, number: draft.number, serviceIds: draft.services.split(',').map((s) => s.trim()).filter(Boolean) },
    });
  return (
    <form className="card" aria-label={t('config.counterForm', { id: counter.id })} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="fields">
        <label>{t('config.counterName')}<input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
        <label>{t('config.counterNumber')}<input type="number" min={1} value={draft.number} onChange={(e) => setDraft({ ...draft, number: Number(e.target.value) })} /></label>
        <label>{t('config.counterServices')}<input value={draft.services} onChange={(e) => setDraft({ ...draft, services: e.target.value })} /></label>
      </div>
      <FormStatus error={error} saved={saved} />
      <button type="submit" disabled={busy}>{t('config.save')}</button>
    </form>
  );
}

function BranchForm({ token, config }: { token: string; config: BranchConfig }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(config.branch);
  const { error, saved, busy, run } = useAdminCall(token);
  const toggle = (list: typeof draft.kioskLanguages, l: (typeof CUSTOMER_LANGUAGES)[number], on: boolean) => (on ? [...list, l] : list.filter((x) => x !== l));
  return (
    <form className="card" aria-label={t('config.branch')} onSubmit={(e) => { e.preventDefault(); void run(PutBranchRoute, { body: draft }); }}>
      <div className="fields">
        <label>{t('config.branchName')}<input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
        <label>{t('config.timeZone')}<input value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} /></label>
        <label>{t('config.dayStart')}<input type="time" value={draft.dayStart} onChange={(e) => setDraft({ ...draft, dayStart: e.target.value })} /></label>
        <label>
          {t('config.defaultLanguage')}
          <select value={draft.defaultLanguage} onChange={(e) => setDraft({ ...draft, defaultLanguage: e.target.value as typeof draft.defaultLanguage })}>
            {CUSTOMER_LANGUAGES.map((l) => <option key={l} value={l}>{l.toUpperCase()}</option>)}
          </select>
        </label>
      </div>
      {(['kioskLanguages', 'announcementLanguages'] as const).map((field) => (
        <fieldset key={field} className="fields">
          <legend>{t(`config.${field}`)}</legend>
          {CUSTOMER_LANGUAGES.map((l) => (
            <label key={l} className="inline">
              <input type="checkbox" checked={draft[field].includes(l)} onChange={(e) => setDraft({ ...draft, [field]: toggle(draft[field], l, e.target.checked) })} />
              {l.toUpperCase()}
            </label>
          ))}
        </fieldset>
      ))}
      <FormStatus error={error} saved={saved} />
      <button type="submit" disabled={busy}>{t('config.save')}</button>
    </form>
  );
}

function PolicyForm({ token, config }: { token: string; config: BranchConfig }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useDraft(config.priorityPolicy);
  const { error, saved, busy, run } = useAdminCall(token);
  return (
    <form className="card" aria-label={t('config.priorityPolicy')} onSubmit={(e) => { e.preventDefault(); void run(PutPriorityPolicyRoute, { body: draft }); }}>
      <p className="muted">{t('config.policyExplained', { priority: draft.priority, normal: draft.normal, minutes: draft.maxNormalWaitMin })}</p>
      <div className="fields">
        <label>{t('config.policyPriority')}<input type="number" min={0} max={20} value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: Number(e.target.value) })} /></label>
        <label>{t('config.policyNormal')}<input type="number" min={0} max={20} value={draft.normal} onChange={(e) => setDraft({ ...draft, normal: Number(e.target.value) })} /></label>
        <label>{t('config.policyMaxWait')}<input type="number" min={1} value={draft.maxNormalWaitMin} onChange={(e) => setDraft({ ...draft, maxNormalWaitMin: Number(e.target.value) })} /></label>
      </div>
      <FormStatus error={error} saved={saved} />
      <button type="submit" disabled={busy}>{t('config.save')}</button>
    </form>
  );
}

function AlertsForm({ token, config }: { token: string; config: BranchConfig }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(config.alerts);
  const { error, saved, busy, run } = useAdminCall(token);
  return (
    <form className="card" aria-label={t('config.alerts')} onSubmit={(e) => { e.preventDefault(); void run(PutAlertsRoute, { body: draft }); }}>
      <label className="inline">
        <input type="checkbox" checked={draft.notifyTellers} onChange={(e) => setDraft({ notifyTellers: e.target.checked })} />
        {t('config.notifyTellers')}
      </label>
      <FormStatus error={error} saved={saved} />
      <button type="submit" disabled={busy}>{t('config.save')}</button>
    </form>
  );
}
