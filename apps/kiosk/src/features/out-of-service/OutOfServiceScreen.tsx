import { useTranslation } from 'react-i18next';
import type { CustomerLanguage } from '@rinda/shared';

interface Props {
  languages: readonly CustomerLanguage[];
}

/** Shown while the server is unreachable, in every kiosk language: nobody has chosen one yet. */
export function OutOfServiceScreen({ languages }: Props) {
  const { i18n } = useTranslation();
  const [first, ...others] = languages;
  if (!first) return null;
  const inLanguage = (lng: CustomerLanguage) => i18n.getFixedT(lng);
  return (
    <section className="screen screen--out-of-service" role="alert" aria-labelledby="out-of-service-title" data-testid="out-of-service">
      <div className="refused__icon" aria-hidden="true">
        !
      </div>
      <h1 id="out-of-service-title" lang={first}>
        {inLanguage(first)('outOfService.title')}
      </h1>
      <p className="out-of-service__message" lang={first}>
        {inLanguage(first)('outOfService.message')}
      </p>
      <ul className="out-of-service__others">
        {others.map((lng) => (
          <li key={lng} lang={lng}>
            <strong>{inLanguage(lng)('outOfService.title')}.</strong> {inLanguage(lng)('outOfService.message')}
          </li>
        ))}
      </ul>
    </section>
  );
}
