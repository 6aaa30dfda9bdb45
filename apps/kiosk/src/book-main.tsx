import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { CustomerLanguage } from '@rinda/shared';
import { setupI18n } from './i18n/setup-i18n';
import { BookApp } from './book/BookApp';
import './styles/base.css';
import './styles/status.css';

// The phone's own language when it is one we speak; the page offers the branch's others.
const phoneLanguage = CustomerLanguage.safeParse(navigator.language.slice(0, 2));
const i18n = setupI18n('kiosk', phoneLanguage.success ? phoneLanguage.data : 'en');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <BookApp />
    </I18nextProvider>
  </StrictMode>,
);
