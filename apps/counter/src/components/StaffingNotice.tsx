import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BranchConfig, StaffLanguage, StaffingAlert } from '@rinda/shared';
import { describeAlert } from '@rinda/shared/ui/alerts';
import { playStaffingAlertTone } from '../sound/staffing-alert-tone';

/**
 * The staffing alerts of the services this counter serves (the server sends tellers alerts only when the manager
 * turned it on), as a notice, with a tone when an alert appears that was not there before.
 */
export function StaffingNotice({ alerts, config, counterId }: { alerts: StaffingAlert[]; config: BranchConfig; counterId: string }) {
  const { t, i18n } = useTranslation();
  const served = config.counters.find((c) => c.id === counterId)?.serviceIds ?? [];
  const mine = alerts.filter((a) => served.includes(a.serviceId));
  const seen = useRef(new Set<string>());
  const ids = mine.map((a) => a.id).join(',');
  useEffect(() => {
    const fresh = mine.some((a) => !seen.current.has(a.id));
    seen.current = new Set(mine.map((a) => a.id));
    if (fresh) playStaffingAlertTone();
    // Keyed by which alerts there are: a projection moving by a point is no reason to sound again.
  }, [ids]);
  if (mine.length === 0) return null;
  return (
    <section className="staffing-notice" role="status" aria-label={t('alerts.title')}>
      <h2>{t('alerts.title')}</h2>
      <ul>
        {mine.map((a) => {
          const text = describeAlert(a, config, i18n.language as StaffLanguage, (key, params) => t(key, params ?? {}));
          return (
            <li key={a.id} data-alert={a.id}>
              <strong>{text.problem}</strong> <span>{text.fix}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
