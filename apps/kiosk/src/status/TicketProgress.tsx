import { useTranslation } from 'react-i18next';
import type { Ticket } from '@rinda/shared';
import { waitText } from '../ui/wait-text';
import type { TicketPosition } from './ticket-position';

const STATUS_WAIT_KEYS = { range: 'waiting.waitRange', under: 'waiting.waitUnder', noCounter: 'waiting.noCounter' };

interface Props {
  ticket: Ticket;
  counterNumber: number | null;
  position: TicketPosition | null;
}

/** What the customer needs to know now, by the ticket's state. The call is the loudest thing on the page. */
export function TicketProgress({ ticket, counterNumber, position }: Props) {
  const { t } = useTranslation();
  switch (ticket.state) {
    case 'waiting':
      return (
        <section className="status__panel" aria-live="polite" data-testid="status-waiting">
          {position ? (
            <>
              <p className="status__figure">
                {position.peopleAhead === 0 ? t('waiting.next') : t('waiting.peopleAhead', { count: position.peopleAhead })}
              </p>
              <p className="status__figure" data-testid="status-wait">
                {t(...waitText(position.wait, STATUS_WAIT_KEYS))}
              </p>
            </>
          ) : null}
          <p className="status__hint">{t('waiting.hint')}</p>
        </section>
      );
    case 'called':
      return (
        <section className="status__panel status__panel--called" role="alert" data-testid="status-called">
          <p className="status__go">{t('called.goTo', { counter: counterNumber ?? '' })}</p>
        </section>
      );
    case 'serving':
      return (
        <section className="status__panel" data-testid="status-serving">
          <p className="status__figure">{t('serving.message', { counter: counterNumber ?? '' })}</p>
        </section>
      );
    case 'done':
      return <p className="status__panel status__figure">{t('done.message')}</p>;
    case 'no_show':
      return <p className="status__panel status__figure">{t('noShow.message')}</p>;
    case 'cancelled':
      // Closed by the day boundary, not by anyone: the customer is told so, not that someone cancelled it.
      return (
        <p className="status__panel status__figure" data-testid="status-cancelled">
          {position?.closedAtDayEnd ? t('cancelled.dayEnded') : t('cancelled.message')}
        </p>
      );
  }
}
