import { useTranslation } from 'react-i18next';
import { STAFF_LANGUAGES, type StaffLanguage } from '@rinda/shared';
import { chooseLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.language} onChange={(e) => chooseLanguage(e.target.value as StaffLanguage)}>
        {STAFF_LANGUAGES.map((l) => <option key={l} value={l}>{l.toUpperCase()}</option>)}
      </select>
    </label>
  );
}
