import { useTranslation } from 'react-i18next';
import type { BranchSnapshot, StaffLanguage } from '@rinda/shared';

/** The rest of the branch at a glance: who sits where and whom they serve, so transfers go to an open counter. */
export function OtherCounters({ view, counterId }: { view: BranchSnapshot; counterId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as StaffLanguage;
  const others = view.config.counters.filter((c) => c.id !== counterId);
  return (
    <section className="other-counters" aria-labelledby="other-counters-title">
      <h2 id="other-counters-title">{t('others.title')}</h2>
      <ul>
        {others.map((config) => {
          const status = view.counters.find((c) => c.counterId === config.id);
          const active = status?.activeTicketId ? view.tickets.find((t) => t.id === status.activeTicketId) : undefined;
          const state = status?.state ?? 'closed';
          const reason = view.config.pauseReasons.find((r) => r.id === status?.pauseReasonId)?.names[lang];
          return (
            <li key={config.id} className={`other-counter other-${state}`} data-counter={config.id}>
              <span className="other-name">{config.name}</span>
              <span className="other-teller">{state === 'closed' ? t('others.closed') : status?.tellerName}</span>
              <span className="other-state">
                {state === 'paused'
                  ? t('others.paused', { reason: reason ?? '' })
                  : active
                    ? t(`others.${active.state === 'serving' ? 'serving' : 'called'}`, { number: active.displayNumber })
                    : state === 'open'
                      ? t('others.free')
                      : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
