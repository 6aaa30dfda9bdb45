import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { CustomerLanguage } from '@rinda/shared';
import { setupI18n } from './i18n/setup-i18n';
import { JoinApp } from './join/JoinApp';
import { JoinPoster } from './join/JoinPoster';
import './styles/base.css';
import './styles/status.css';
import './styles/join.css';

// The phone's own language until the customer picks one (the poster speaks every language the branch offers).
const phoneLanguage = CustomerLanguage.safeParse(navigator.language.slice(0, 2));
const i18n = setupI18n('status', phoneLanguage.success ? phoneLanguage.data : 'en');
const poster = /\/join\/poster\/?$/.test(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>{poster ? <JoinPoster /> : <JoinApp phoneLanguage={phoneLanguage.success ? phoneLanguage.data : null} />}</I18nextProvider>
  </StrictMode>,
);
