import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CUSTOMER_LANGUAGES, type CustomerLanguage } from '@rinda/shared';
import { customerMessages } from '@rinda/shared/i18n';

type PageNamespace = 'kiosk' | 'status';

/**
 * One i18next instance per page, with the customer namespace it needs from shared translation files (the first
 * is the default; the counter's rating screen also quotes the status page's questions).
 * Placeholders there are written `{name}` (the server's `translate` uses the same files).
 */
export function setupI18n(namespaces: PageNamespace | readonly [PageNamespace, ...PageNamespace[]], language: CustomerLanguage): i18n {
  const instance = i18next.createInstance();
  const list: readonly PageNamespace[] = typeof namespaces === 'string' ? [namespaces] : namespaces;
  const namespace = list[0];
  const resources = Object.fromEntries(
    CUSTOMER_LANGUAGES.map((lng) => [lng, Object.fromEntries(list.map((ns) => [ns, customerMessages[ns][lng]]))]),
  );
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: [...list],
    defaultNS: namespace,
    initAsync: false,
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** The document's language follows the text shown, so screen readers pronounce it right. */
export function setDocumentLanguage(language: CustomerLanguage): void {
  document.documentElement.lang = language;
}
