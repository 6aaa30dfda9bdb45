import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { STAFF_LANGUAGES, StaffLanguage } from '../../src/languages';
import { staffMessages, type StaffNamespace } from '../../src/i18n';

export interface StaffI18n {
  /** Sets up i18next with the app's namespace in the four staff languages, in the language saved on this PC. */
  init(): void;
  /** The user's choice, applied now and kept on this PC across reloads. */
  choose(language: StaffLanguage): void;
  hasSavedChoice(): boolean;
}

/** One staff app's translations (counter, manager): same languages, same placeholders, its own saved choice. */
export function createStaffI18n(namespace: StaffNamespace): StaffI18n {
  const key = `rinda.${namespace}.language`;
  const saved = (): StaffLanguage => {
    const parsed = StaffLanguage.safeParse(localStorage.getItem(key));
    return parsed.success ? parsed.data : 'en';
  };
  return {
    init() {
      const language = saved();
      void i18next.use(initReactI18next).init({
        resources: Object.fromEntries(STAFF_LANGUAGES.map((lang) => [lang, { [namespace]: staffMessages[namespace][lang] }])),
        lng: language,
        fallbackLng: 'en',
        ns: [namespace],
        defaultNS: namespace,
        // The translation files use {name} placeholders, shared with the server's translate().
        interpolation: { prefix: '{', suffix: '}', escapeValue: false },
        returnNull: false,
      });
      document.documentElement.lang = language;
    },
    choose(language) {
      localStorage.setItem(key, language);
      void i18next.changeLanguage(language);
      document.documentElement.lang = language;
    },
    hasSavedChoice: () => localStorage.getItem(key) !== null,
  };
}
