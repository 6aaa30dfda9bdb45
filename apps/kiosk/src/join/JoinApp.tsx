import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { JoinOptionsRoute, type CustomerLanguage, type JoinOptions } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { usePageLanguage } from '../i18n/use-page-language';
import { joinDeviceId } from './device-id';
import { takeRemoteTicket } from './take-remote-ticket';

const LANGUAGE_NAMES: Record<CustomerLanguage, string> = { lv: 'Latviešu', lt: 'Lietuvių', pl: 'Polski', ru: 'Русский', uk: 'Українська', en: 'English' };
const KNOWN_REFUSALS = new Set(['FORBIDDEN', 'SERVICE_CLOSED', 'RATE_LIMITED']);

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; options: JoinOptions };

/**
 * The branch's public join page: language, service and priority reason as at the kiosk, then a ticket taken
 * from the phone (after a proof of work the phone solves itself), and on to the ticket's own status page.
 */
export function JoinApp({ phoneLanguage }: { phoneLanguage: CustomerLanguage | null }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [language, setLanguage] = useState<CustomerLanguage | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  useEffect(() => {
    const stop = new AbortController();
    void callRoute(JoinOptionsRoute, { signal: stop.signal }).then((reply) => {
      if (stop.signal.aborted) return;
      if (!reply.ok) return setLoad({ kind: 'failed' });
      const { branch } = reply.data;
      setLanguage(phoneLanguage && branch.languages.includes(phoneLanguage) ? phoneLanguage : branch.defaultLanguage);
      setLoad({ kind: 'ready', options: reply.data });
    });
    return () => stop.abort();
  }, [phoneLanguage]);

  const branchName = load.kind === 'ready' ? load.options.branch.name : '';
  usePageLanguage(language);
  useEffect(() => {
    document.title = t('join.pageTitle', { branch: branchName });
  }, [t, branchName, language]);

  if (load.kind !== 'ready' || !language) {
    return (
      <main className="status join">
        <p className="status__message" role="status">
          {load.kind === 'failed' ? t('join.loadFailed') : t('loading')}
        </p>
      </main>
    );
  }
  const { options } = load;
  const service = options.services.find((s) => s.id === serviceId);
  const reasons = service ? options.priorityReasons.filter((r) => service.priorityReasonIds.includes(r.id)) : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!service || !language) return setError(t('join.chooseService'));
    setError(null);
    setWorking(true);
    const result = await takeRemoteTicket({ serviceId: service.id, language, priorityReasonId: reasonId }, joinDeviceId());
    if (result.ok) return window.location.assign(result.data.statusPath);
    setWorking(false);
    setError(t(KNOWN_REFUSALS.has(result.code) ? `join.errors.${result.code}` : 'join.errors.other'));
  }

  return (
    <main className="status join">
      <p className="status__branch">{options.branch.name}</p>
      <h1 className="join__heading">{t('join.heading')}</h1>
      <p className="status__hint">{t('join.intro')}</p>
      {options.services.length === 0 ? (
        <p className="status__panel status__figure">{t('join.noServices')}</p>
      ) : (
        <form className="join__form" onSubmit={(e) => void submit(e)} aria-busy={working}>
          <fieldset className="join__group">
            <legend>{t('join.language')}</legend>
            {options.branch.languages.map((lng) => (
              <label key={lng} className="join__choice" lang={lng}>
                <input type="radio" name={`${ids}-language`} value={lng} checked={language === lng} onChange={() => setLanguage(lng)} />
                {LANGUAGE_NAMES[lng]}
              </label>
            ))}
          </fieldset>
          <fieldset className="join__group">
            <legend>{t('join.service')}</legend>
            {options.services.map((s) => (
              <label key={s.id} className="join__choice">
                <input
                  type="radio"
                  name={`${ids}-service`}
                  value={s.id}
                  disabled={!s.available}
                  checked={serviceId === s.id}
                  onChange={() => {
                    setServiceId(s.id);
                    setReasonId(null);
                  }}
                />
                {s.available ? s.names[language] : t('join.unavailable', { service: s.names[language] })}
              </label>
            ))}
          </fieldset>
          {reasons.length > 0 ? (
            <fieldset className="join__group">
              <legend>{t('join.priority')}</legend>
              <label className="join__choice">
                <input type="radio" name={`${ids}-priority`} checked={reasonId === null} onChange={() => setReasonId(null)} />
                {t('join.noPriority')}
              </label>
              {reasons.map((r) => (
                <label key={r.id} className="join__choice">
                  <input type="radio" name={`${ids}-priority`} value={r.id} checked={reasonId === r.id} onChange={() => setReasonId(r.id)} />
                  {r.names[language]}
                </label>
              ))}
            </fieldset>
          ) : null}
          {error ? (
            <p className="status__offline" role="alert" data-testid="join-error">
              {error}
            </p>
          ) : null}
          {working ? (
            <p className="status__message" role="status">
              {t('join.working')}
            </p>
          ) : null}
          <button type="submit" className="join__submit" disabled={working}>
            {t('join.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
