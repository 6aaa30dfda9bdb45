import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { PairingScreen } from '@rinda/shared/ui/pairing';
import { takeFragmentToken } from '@rinda/shared';
import { createLiveConnection, KIOSK_PROBE } from './connection/live-connection';
import { choosePrinter } from './printing/choose-printer';
import { setupI18n } from './i18n/setup-i18n';
import { KioskApp } from './KioskApp';
import './styles/base.css';
import './styles/kiosk.css';

const deviceToken = takeFragmentToken(window, 'rinda.kiosk.deviceToken');
const connection = createLiveConnection(deviceToken ? { token: deviceToken } : {}, KIOSK_PROBE);
const i18n = setupI18n('kiosk', 'lv');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {deviceToken ? <KioskApp connection={connection} printer={choosePrinter()} deviceToken={deviceToken} /> : <PairingScreen kind="kiosk" />}
    </I18nextProvider>
  </StrictMode>,
);
