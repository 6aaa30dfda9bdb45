import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AcceptCentralBundleRoute, CentralBundleRoute, type BranchConfig, type CentralBundleStateReply } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { FormStatus } from './FormStatus';
import { useAdminCall } from './use-admin-call';

/**
 * Head office's configuration bundle at this branch: the one it runs, what was changed here since (head office is
 * told), and a bundle held because it would overwrite those changes, which the manager may accept. Nothing for a
 * branch that has never heard from head office.
 */
export function CentralBundleCard({ token, config }: { token: string; config: BranchConfig }) {
  const { t } = useTranslation();
  const [view, setView] = useState<CentralBundleStateReply | null>(null);
  const { error, saved, busy, run } = useAdminCall(token);
  // Read again whenever the configuration changes (a bundle applied, a local edit).
  useEffect(() => {
    void callRoute(CentralBundleRoute, { token }).then((r) => r.ok && setView(r.data));
  }, [token, config]);
  if (!view || (!view.running && !view.held && !view.last)) return null;
  const failed = view.last?.outcome === 'failed' ? view.last : null;
  return (
    <section aria-label={t('config.central.title')}>
      <h2>{t('config.central.title')}</h2>
      <div className="card">
        <p>{view.running ? t('config.central.running', { version: view.running.version }) : t('config.central.notYet')}</p>
        {view.drift.length > 0 && <p>{t('config.central.drift', { paths: view.drift.join(', ') })}</p>}
        {failed && <p className="error">{t('config.central.failed', { version: failed.version, reason: failed.reason ?? '' })}</p>}
        {view.held && (
          <>
            <p>{t('config.central.held', { version: view.held.version, paths: view.drift.join(', ') })}</p>
            <button type="button" disabled={busy} onClick={() => void run(AcceptCentralBundleRoute, { body: { version: view.held!.version } })}>
              {t('config.central.accept', { version: view.held.version })}
            </button>
          </>
        )}
        <FormStatus error={error} saved={saved} />
      </div>
    </section>
  );
}
