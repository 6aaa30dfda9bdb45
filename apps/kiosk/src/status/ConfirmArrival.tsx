import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { arrivalCode, type Ticket } from '@rinda/shared';
import { TicketQr } from '../features/result/TicketQr';
import type { LiveConnection } from '../connection/live-connection';

interface Props {
  connection: LiveConnection;
  ticket: Ticket;
  /** People ahead now, when known. */
  peopleAhead: number | null;
  /** The branch asks for "I'm here" once this many people or fewer are ahead (remoteJoin.confirmWithinPlaces). */
  askWithin: number;
}

/**
 * "I'm here" for a ticket taken from a phone: until the customer says so, a call passes them by (the counter's
 * next call marks it no-show). Shown from the start, urged once the turn is near or the ticket is called.
 */
export function ConfirmArrival({ connection, ticket, peopleAhead, askWithin }: Props) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  if (ticket.channel !== 'remote' || (ticket.state !== 'waiting' && ticket.state !== 'called')) return null;
  if (ticket.confirmedAt !== null)
    return (
      <p className="status__panel status__figure" data-testid="confirm-done">
        {t('confirm.done')}
      </p>
    );
  const near = ticket.state === 'called' || (peopleAhead !== null && peopleAhead <= askWithin);
  async function confirm() {
    setSending(true);
    setFailed(false);
    const { result } = await connection.send('ticket:confirm', {});
    setSending(false);
    // A ticket already confirmed (another tab) is what the customer wanted: the broadcast shows it.
    if (!result.ok && result.error.code !== 'INVALID_STATE') setFailed(true);
  }
  return (
    <section className={`status__panel${near ? ' status__panel--confirm' : ''}`} data-testid="confirm-arrival" aria-live="polite">
      <p className={near ? 'status__figure' : 'status__hint'}>{near ? t('confirm.near') : t('confirm.hint')}</p>
      <button type="button" className="status__confirm" disabled={sending} onClick={() => void confirm()}>
        {t('confirm.button')}
      </button>
      {failed ? <p role="alert">{t('confirm.failed')}</p> : null}
      {/* The kiosk's reader takes this page's address; the code is for typing when it will not scan. */}
      <p className="status__hint" data-testid="kiosk-check-in">
        {t('confirm.kioskHint', { code: arrivalCode(ticket.id) })}
      </p>
      <TicketQr url={`${window.location.origin}/t/${ticket.id}`} label={t('confirm.kioskQr')} />
    </section>
  );
}
