import { useTranslation } from 'react-i18next';
import type { CustomerLanguage } from '@rinda/shared';

/** A label in the hall's main language with the second language under it, smaller. */
export function Bilingual({ k, languages }: { k: string; languages: CustomerLanguage[] }) {
  const { i18n } = useTranslation();
  const [main, second] = languages;
  return (
    <span className="bilingual">
      <span lang={main}>{i18n.getFixedT(main ?? 'en', 'display')(k)}</span>
      {second && <span className="second" lang={second}>{i18n.getFixedT(second, 'display')(k)}</span>}
    </span>
  );
}
