import { useTranslation } from 'react-i18next';
import type { CustomerLanguage, ServiceConfig } from '@rinda/shared';
import { openingHoursTexts } from './opening-hours';

interface Props {
  service: ServiceConfig;
  language: CustomerLanguage;
}

/** Not a button: nothing happens on a closed service, so it is announced as text, with when it opens. */
export function ClosedService({ service, language }: Props) {
  const { t } = useTranslation();
  const hours = service.active && service.openingHours ? openingHoursTexts(service.openingHours, language) : [];
  return (
    <div className="choice choice--closed" data-testid={`closed-${service.id}`}>
      <span className="choice__title">{service.names[language]}</span>
      <span className="choice__detail">
        <strong>{t('services.closed')}</strong>
        {hours.length === 0 && !service.active ? ` · ${t('services.notAvailable')}` : null}
        {hours.map((h) => (
          <span key={`${h.days}${h.from}`} className="choice__hours">
            {t('services.openingHours', h)}
          </span>
        ))}
      </span>
    </div>
  );
}
