import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerTlsRoute, type ServerTlsView } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { staffLocale } from '../model/staff-dates';

/** The server's certificate fingerprint, to copy into a shell's config when pairing and to compare with the browser's. */
export function ServerCertificate({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<ServerTlsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void callRoute(ServerTlsRoute, { token }).then((r) => {
      if (r.ok) setView(r.data);
      else setError(r.message);
    });
  }, [token]);
  const date = new Intl.DateTimeFormat(staffLocale(i18n.language), { dateStyle: 'medium' });
  return (
    <section className="card server-certificate" aria-label={t('devices.certificate')}>
      <h3>{t('devices.certificate')}</h3>
      {error && <p role="alert" className="error">{error}</p>}
      {view?.tls === null && <p className="muted">{t('devices.noTls')}</p>}
      {view?.tls && (
        <>
          <p className="muted">{t('devices.certificateHelp')}</p>
          <p>
            SHA-256 <code data-testid="server-fingerprint">{view.tls.fingerprint}</code>
          </p>
          <p className="muted">{t(view.tls.selfSigned ? 'devices.selfSigned' : 'devices.provided', { date: date.format(view.tls.validTo) })}</p>
        </>
      )}
    </section>
  );
}
