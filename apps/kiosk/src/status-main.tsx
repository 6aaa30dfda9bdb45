import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { CustomerLanguage } from '@rinda/shared';
import { createLiveConnection, PHONE_PROBE } from './connection/live-connection';
import { setupI18n } from './i18n/setup-i18n';
import { StatusApp } from './status/StatusApp';
import { ticketIdFromPath } from './status/ticket-id';
import './styles/base.css';
import './styles/status.css';
import './styles/join.css';

// Until the ticket (and its language) is known, the phone's own language if it is one we speak.
const phoneLanguage = CustomerLanguage.safeParse(navigator.language.slice(0, 2));
const i18n = setupI18n('status', phoneLanguage.success ? phoneLanguage.data : 'en');
const ticketId = ticketIdFromPath(window.location.pathname);
const root = createRoot(document.getElementById('root')!);

if (ticketId) {
  const connection = createLiveConnection({ ticketId }, PHONE_PROBE);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StatusApp connection={connection} ticketId={ticketId} />
      </I18nextProvider>
    </StrictMode>,
  );
} else {
  root.render(
    <main className="status">
      <p className="status__message">{i18n.t('notFound')}</p>
    </main>,
  );
}
