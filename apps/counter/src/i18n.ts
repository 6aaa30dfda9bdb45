import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { STAFF_LANGUAGES, StaffLanguage } from '@rinda/shared';
import { staffMessages } from '@rinda/shared/i18n';

const LANGUAGE_KEY = 'rinda.counter.language';

/** The teller's own choice, kept on this PC across reloads; until the branch's staff language arrives (Session), English. */
function savedLanguage(): StaffLanguage {
  const saved = StaffLanguage.safeParse(localStorage.getItem(LANGUAGE_KEY));
  return saved.success ? saved.data : 'en';
}

export function chooseLanguage(language: StaffLanguage): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function hasSavedLanguage(): boolean {
  return localStorage.getItem(LANGUAGE_KEY) !== null;
}

export function initI18n(): void {
  const resources = Object.fromEntries(STAFF_LANGUAGES.map((lang) => [lang, { counter: staffMessages.counter[lang] }]));
  const language = savedLanguage();
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: ['counter'],
    defaultNS: 'counter',
    // The translation files use {name} placeholders, shared with the server's translate().
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}
