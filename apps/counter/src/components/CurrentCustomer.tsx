import { useTranslation } from 'react-i18next';
import { formatBookingCode, formatDuration, localTimeOf, type BranchConfig, type CounterView, type StaffLanguage, type Ticket } from '@rinda/shared';

interface Props {
  config: BranchConfig;
  status: CounterView;
  ticket: Ticket | null;
  now: number;
}

/** The customer at the counter: number, service, how long they waited, how long service has run. */
export function CurrentCustomer({ config, status, ticket, now }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as StaffLanguage;

  if (status.state === 'paused') {
    const reason = config.pauseReasons.find((r) => r.id === status.pauseReasonId)?.names[lang] ?? status.pauseReasonId;
    return (
      <section className="current paused" aria-label={t('current.title')}>
        <p className="current-state">{t('current.paused', { reason })}</p>
        <dl className="current-times">
          <dt>{t('current.pausedFor')}</dt>
          <dd>{formatDuration(now - status.since)}</dd>
        </dl>
      </section>
    );
  }
  if (!ticket)
    return (
      <section className="current idle" aria-label={t('current.title')}>
        <p className="current-state">{t('current.none')}</p>
      </section>
    );

  const service = config.services.find((s) => s.id === ticket.legServiceId)?.names[lang] ?? ticket.legServiceId;
  const calledAt = ticket.calledAt ?? now;
  return (
    <section className={`current ${ticket.state}`} aria-label={t('current.title')}>
      <p className="current-state">{t(`current.state.${ticket.state === 'serving' ? 'serving' : 'called'}`)}</p>
      <p className="current-number" data-testid="current-number">
        {ticket.displayNumber}
      </p>
      <p className="current-service">
        {service}
        {ticket.priorityReasonId && <span className="priority-mark"> {t('ticket.priority')}</span>}
      </p>
      {ticket.appointment && (
        <p className="current-appointment" data-testid="current-appointment">
          {t('current.appointment', { time: localTimeOf(ticket.appointment.slotStart, config.branch.timeZone), code: formatBookingCode(ticket.appointment.code) })}
        </p>
      )}
      {ticket.channel === 'remote' || ticket.steppedBackAt !== null ? (
        <p className="current-marks" data-testid="current-marks">
          {[
            ticket.channel === 'remote' ? t('ticket.remote') : null,
            ticket.channel === 'remote' && ticket.confirmedAt === null ? t('ticket.unconfirmed') : null,
            ticket.steppedBackAt !== null ? t('ticket.steppedBack') : null,
          ]
            .filter((mark) => mark !== null)
            .join(' · ')}
        </p>
      ) : null}
      <dl className="current-times">
        <dt>{t('current.waited')}</dt>
        <dd>{formatDuration(calledAt - ticket.legStartedAt)}</dd>
        {ticket.state === 'serving' && ticket.serviceStartedAt !== null ? (
          <>
            <dt>{t('current.serviceTime')}</dt>
            <dd>{formatDuration(now - ticket.serviceStartedAt)}</dd>
          </>
        ) : (
          <>
            <dt>{t('current.sinceCall')}</dt>
            <dd>{formatDuration(now - calledAt)}</dd>
          </>
        )}
        {ticket.recallCount > 0 && (
          <>
            <dt>{t('current.recalls')}</dt>
            <dd>{ticket.recallCount}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
