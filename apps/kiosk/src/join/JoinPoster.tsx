import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JoinOptionsRoute, type JoinOptions } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { TicketQr } from '../features/result/TicketQr';

/**
 * The poster a manager prints for the door and the window: the join page's address as a QR code and as text,
 * and the invitation in every language the branch's kiosk offers.
 */
export function JoinPoster() {
  const { t, i18n } = useTranslation();
  const [options, setOptions] = useState<JoinOptions | null | 'failed'>(null);
  useEffect(() => {
    const stop = new AbortController();
    void callRoute(JoinOptionsRoute, { signal: stop.signal }).then((reply) => !stop.signal.aborted && setOptions(reply.ok ? reply.data : 'failed'));
    return () => stop.abort();
  }, []);
  const branchName = options && options !== 'failed' ? options.branch.name : '';
  useEffect(() => {
    document.title = t('poster.pageTitle', { branch: branchName });
  }, [t, branchName]);

  if (options === null || options === 'failed') {
    return (
      <main className="status join">
        <p className="status__message" role="status">
          {options === 'failed' ? t('join.loadFailed') : t('loading')}
        </p>
      </main>
    );
  }
  const { languages, defaultLanguage } = options.branch;
  const others = languages.filter((l) => l !== defaultLanguage);
  const inLanguage = (key: string, lng: string) => i18n.getFixedT(lng)(key);
  return (
    <main className="join-poster" lang={defaultLanguage}>
      <p className="status__branch">{options.branch.name}</p>
      <h1 className="join-poster__heading">{inLanguage('poster.heading', defaultLanguage)}</h1>
      <TicketQr url={options.joinUrl} label={inLanguage('poster.qr', defaultLanguage)} />
      <p className="join-poster__url" data-testid="poster-url">
        {options.joinUrl}
      </p>
      <p className="join-poster__scan">{inLanguage('poster.scan', defaultLanguage)}</p>
      <ul className="join-poster__languages">
        {others.map((lng) => (
          <li key={lng} lang={lng}>
            <strong>{inLanguage('poster.heading', lng)}</strong> {inLanguage('poster.scan', lng)}
          </li>
        ))}
      </ul>
      <button type="button" className="status__sound join-poster__print" onClick={() => window.print()}>
        {inLanguage('poster.print', defaultLanguage)}
      </button>
    </main>
  );
}
