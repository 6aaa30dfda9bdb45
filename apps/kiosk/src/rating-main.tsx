import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { PairingScreen } from '@rinda/shared/ui/pairing';
import { takeFragmentSettings } from '@rinda/shared';
import { createLiveConnection, KIOSK_PROBE } from './connection/live-connection';
import { setupI18n } from './i18n/setup-i18n';
import { RatingScreen } from './rating/RatingScreen';
import './styles/base.css';
import './styles/rating.css';

// A counter's rating screen: the device token comes in the address's fragment, as a kiosk's does.
const { token: deviceToken } = takeFragmentSettings(window, { token: { storageKey: 'rinda.rating.deviceToken' } }, (name, error) =>
  console.error(`rating screen address: ${name} refused (${error.message}); the setting kept before stays`),
);
// Pairing texts are the kiosk's; the question is the status page's, so phone and counter ask alike.
const i18n = setupI18n(['kiosk', 'status'], 'lv');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {deviceToken ? <RatingScreen connection={createLiveConnection({ token: deviceToken }, KIOSK_PROBE)} /> : <PairingScreen kind="rating" />}
    </I18nextProvider>
  </StrictMode>,
);
