import { useTranslation } from 'react-i18next';
import type { BranchConfig, StaffLanguage, StaffingAlert } from '@rinda/shared';
import { describeAlert } from '@rinda/shared/ui/alerts';

/** The live staffing alerts on the monitor: what is wrong and what would fix it, as the server sends them. */
export function StaffingAlerts({ alerts, config }: { alerts: StaffingAlert[]; config: BranchConfig }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as StaffLanguage;
  return (
    <section aria-labelledby="alerts-heading" className="staffing-alerts">
      <h2 id="alerts-heading">{t('monitor.alerts')}</h2>
      {/* A live region: a new alert is read out by a screen reader as it arrives. */}
      <div role="status" aria-live="polite">
        {alerts.length === 0 ? (
          <p className="muted">{t('monitor.noAlerts')}</p>
        ) : (
          <ul>
            {alerts.map((a) => {
              const text = describeAlert(a, config, language, (key, params) => t(key, params ?? {}));
              return (
                <li key={a.id} data-alert={a.id} className={`alert alert-${a.kind}`}>
                  <strong>{text.problem}</strong> <span>{text.fix}</span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
