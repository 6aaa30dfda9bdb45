import { useTranslation } from 'react-i18next';
import { STAFF_LANGUAGES, type StaffLanguage } from '@rinda/shared';
import { chooseLanguage } from '../i18n';

// Each language is offered in its own name, so a teller finds theirs whatever is shown now.
const ENDONYMS: Record<StaffLanguage, string> = { en: 'English', lv: 'Latviešu', lt: 'Lietuvių', pl: 'Polski' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language')}</span>
      <select value={i18n.language} onChange={(e) => chooseLanguage(e.target.value as StaffLanguage)} aria-label={t('language')}>
        {STAFF_LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {ENDONYMS[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
