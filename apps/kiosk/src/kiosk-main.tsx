import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { PairingScreen } from '@rinda/shared/ui/pairing';
import { parseHeadsetLabel, takeFragmentSettings } from '@rinda/shared';
import { createLiveConnection, KIOSK_PROBE } from './connection/live-connection';
import { choosePrinter } from './printing/choose-printer';
import { setupI18n } from './i18n/setup-i18n';
import { setHeadsetOutput } from './speech/speech-player';
import { KioskApp } from './KioskApp';
import './styles/base.css';
import './styles/kiosk.css';

// The address's fragment carries the device token and, on a kiosk with a headset jack, the headset output's label.
const { token: deviceToken, headset } = takeFragmentSettings(
  window,
  {
    token: { storageKey: 'rinda.kiosk.deviceToken' },
    headset: { storageKey: 'rinda.kiosk.headsetOutput', parse: parseHeadsetLabel, emptyForgets: true },
  },
  (name, error) => console.error(`kiosk address: ${name} refused (${error.message}); the setting kept before stays`),
);
setHeadsetOutput(headset);
const connection = createLiveConnection(deviceToken ? { token: deviceToken } : {}, KIOSK_PROBE);
const i18n = setupI18n('kiosk', 'lv');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {deviceToken ? <KioskApp connection={connection} printer={choosePrinter()} deviceToken={deviceToken} /> : <PairingScreen kind="kiosk" />}
    </I18nextProvider>
  </StrictMode>,
);
