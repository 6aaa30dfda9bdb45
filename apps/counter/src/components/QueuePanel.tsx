import { useTranslation } from 'react-i18next';
import { formatDuration, type BranchConfig, type QueueSummary, type StaffLanguage, type Ticket } from '@rinda/shared';

const NEXT_SHOWN = 8;

interface Props {
  config: BranchConfig;
  queues: QueueSummary[];
  /** Tickets sent to this counter by a transfer, waiting for it alone. */
  forThisCounter: number;
  /** The next tickets call next would take, in that order. */
  next: Ticket[];
  now: number;
  cue: boolean;
}

/** Per service this counter serves: how many wait and how long the longest has waited, ticking. */
export function QueuePanel({ config, queues, forThisCounter, next, now, cue }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as StaffLanguage;
  return (
    <section className={`queue-panel${cue ? ' cue' : ''}`} aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title')}</h2>
      {cue && (
        <p className="new-customer" role="status">
          {t('queue.newCustomer')}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('queue.service')}</th>
            <th>{t('queue.waiting')}</th>
            <th>{t('queue.longestWait')}</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => {
            const service = config.services.find((s) => s.id === q.serviceId);
            const overTarget = service && q.oldestWaitingSince !== null && now - q.oldestWaitingSince > service.targetWaitMin * 60_000;
            return (
              <tr key={q.serviceId} data-service={q.serviceId}>
                <td>
                  {service?.names[lang] ?? q.serviceId}
                  {!q.open && <span className="closed-mark"> {t('queue.closed')}</span>}
                </td>
                <td className="waiting-count">{q.waiting}</td>
                <td className={`longest-wait${overTarget ? ' over-target' : ''}`}>
                  {q.oldestWaitingSince === null ? '—' : formatDuration(now - q.oldestWaitingSince)}
                </td>
              </tr>
            );
          })}
          {forThisCounter > 0 && (
            <tr data-service="this-counter">
              <td>{t('queue.forThisCounter')}</td>
              <td className="waiting-count">{forThisCounter}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
      {next.length > 0 && (
        <p className="next-in-line" data-testid="next-in-line">
          <span className="next-in-line-label">{t('queue.next')}</span>
          {next.slice(0, NEXT_SHOWN).map((ticket) => (
            <span key={ticket.id} className={`next-ticket${ticket.priorityReasonId ? ' priority' : ''}`}>
              {ticket.displayNumber}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
