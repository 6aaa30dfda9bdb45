import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isTurnNear } from '@rinda/shared';
import type { LiveConnection } from '../connection/live-connection';
import { useConnectionState } from '../connection/use-connection-state';
import { usePageLanguage } from '../i18n/use-page-language';
import { offerInstall } from './phone-app';
import { useTicketPosition } from './use-ticket-position';
import { useCallCue } from './use-call-cue';
import { TicketProgress } from './TicketProgress';
import { SoundToggle } from './SoundToggle';
import { ConfirmArrival } from './ConfirmArrival';
import { NotificationsToggle } from './NotificationsToggle';
import { SmsContact } from './SmsContact';
import { StepBack } from './StepBack';
import { RateVisit } from './RateVisit';
import { useTurnAlerts } from './use-turn-alerts';

interface Props {
  connection: LiveConnection;
  ticketId: string;
}

/** The phone page behind the ticket's QR code: where the customer stands, and where to go when called. */
export function StatusApp({ connection, ticketId }: Props) {
  const { status, view: snapshot } = useConnectionState(connection);
  const position = useTicketPosition(connection, ticketId);
  const { t } = useTranslation();
  const ticket = snapshot?.tickets.find((x) => x.id === ticketId);
  const latestCall = snapshot?.recentCalls.find((c) => c.ticketId === ticketId);
  useCallCue(latestCall, snapshot !== null);
  const standing = position?.kind === 'found' ? position.position : null;
  useTurnAlerts(ticket, standing, snapshot?.config.phoneAlerts, latestCall);

  const ticketLanguage = ticket?.language;
  const ticketNumber = ticket?.displayNumber;
  usePageLanguage(ticketLanguage);
  useEffect(() => {
    if (ticketNumber) document.title = t('pageTitle', { number: ticketNumber });
  }, [t, ticketNumber]);
  // Installable once the ticket is known: the installed app is named in the ticket's language.
  useEffect(() => {
    if (ticketLanguage) offerInstall(ticketId, ticketLanguage);
  }, [ticketId, ticketLanguage]);

  const offline = status !== 'online';
  if (!ticket) {
    const notFound = position?.kind === 'not-found' || (status === 'offline' && snapshot === null && position?.kind !== 'found');
    return (
      <main className="status">
        <p className="status__message" role="status">
          {notFound ? t('notFound') : t('loading')}
        </p>
      </main>
    );
  }

  const config = snapshot!.config;
  const service = config.services.find((s) => s.id === ticket.legServiceId);
  const counterNumber = latestCall?.counterNumber ?? config.counters.find((c) => c.id === ticket.counterId)?.number ?? null;
  return (
    <main className={`status status--${ticket.state}`}>
      <p className="status__branch">{config.branch.name}</p>
      {offline ? (
        <p className="status__offline" role="status">
          {t('offline')}
        </p>
      ) : null}
      <h1 className="status__label">{t('yourNumber')}</h1>
      <p className="status__number" data-testid="status-number">
        {ticket.displayNumber}
      </p>
      {service ? <p className="status__service">{t('service', { service: service.names[ticket.language] })}</p> : null}
      <TicketProgress ticket={ticket} counterNumber={counterNumber} position={position?.kind === 'found' ? position.position : null} />
      {ticket.state === 'waiting' && standing && isTurnNear(standing, config.phoneAlerts) ? (
        <p className="status__panel status__figure status__panel--confirm" data-testid="status-near">
          {t('alerts.near')}
        </p>
      ) : null}
      <ConfirmArrival
        connection={connection}
        ticket={ticket}
        peopleAhead={standing?.peopleAhead ?? null}
        askWithin={config.remoteJoin.confirmWithinPlaces}
      />
      {ticket.state === 'done' ? <RateVisit ticketId={ticket.id} /> : null}
      <StepBack connection={connection} ticket={ticket} places={config.stepBack.places} />
      {ticket.state === 'waiting' || ticket.state === 'called' ? <SmsContact ticketId={ticket.id} /> : null}
      <SoundToggle />
      <NotificationsToggle />
    </main>
  );
}
