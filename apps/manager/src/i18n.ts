import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { STAFF_LANGUAGES, StaffLanguage } from '@rinda/shared';
import { staffMessages } from '@rinda/shared/i18n';

const LANGUAGE_KEY = 'rinda.manager.language';

export function chooseLanguage(language: StaffLanguage): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function initI18n(): void {
  const saved = StaffLanguage.safeParse(localStorage.getItem(LANGUAGE_KEY));
  const language = saved.success ? saved.data : 'en';
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(STAFF_LANGUAGES.map((lang) => [lang, { manager: staffMessages.manager[lang] }])),
    lng: language,
    fallbackLng: 'en',
    ns: ['manager'],
    defaultNS: 'manager',
    // {name} placeholders, as in every translation file of the project.
    interpolation: { prefix: '{', suffix: '}', escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}
