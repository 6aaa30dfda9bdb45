import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isBookedTicket, type Ticket } from '@rinda/shared';
import type { LiveConnection } from '../connection/live-connection';

interface Props {
  connection: LiveConnection;
  ticket: Ticket;
  /** How many places a step back moves (stepBack.places). */
  places: number;
}

/** "I need more time": once per visit, a waiting customer lets a few people go first (ticket:stepBack). */
export function StepBack({ connection, ticket, places }: Props) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  // An appointment keeping its booked place is called at its time: it has no line to step back in.
  if (ticket.state !== 'waiting' || isBookedTicket(ticket)) return null;
  if (ticket.steppedBackAt !== null)
    return (
      <p className="status__hint" data-testid="step-back-done">
        {t('stepBack.done')}
      </p>
    );
  async function stepBack() {
    setSending(true);
    const { result } = await connection.send('ticket:stepBack', {});
    setSending(false);
    // The ticket's broadcast shows a success; a refusal is the only thing to say here.
    if (!result.ok) setRefusal(/Nobody is behind/.test(result.error.message) ? t('stepBack.nobodyBehind') : t('stepBack.failed'));
  }
  return (
    <section className="status__panel" data-testid="step-back">
      <p className="status__hint">{t('stepBack.hint', { count: places })}</p>
      <button type="button" className="status__sound" disabled={sending} onClick={() => void stepBack()}>
        {t('stepBack.button')}
      </button>
      {refusal ? <p role="alert">{refusal}</p> : null}
    </section>
  );
}
