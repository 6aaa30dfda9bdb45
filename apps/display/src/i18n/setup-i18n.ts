import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CUSTOMER_LANGUAGES } from '@rinda/shared';
import { customerMessages } from '@rinda/shared/i18n';

/**
 * The display's texts, all six languages loaded: the screen labels itself in the branch's first two
 * announcement languages at once (getFixedT), so it needs no current language of its own.
 */
export function setupDisplayI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(CUSTOMER_LANGUAGES.map((lng) => [lng, { display: customerMessages.display[lng] }])),
    lng: 'en',
    fallbackLng: 'en',
    ns: ['display'],
    defaultNS: 'display',
    initAsync: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  });
  return instance;
}
