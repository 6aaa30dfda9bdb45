import { useTranslation } from 'react-i18next';
import type { CustomerLanguage, QueueSummary, ServiceConfig } from '@rinda/shared';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useSettled } from '../../ui/use-settled';
import { ServiceChoice } from './ServiceChoice';
import { ClosedService } from './ClosedService';

interface Props {
  language: CustomerLanguage;
  services: ServiceConfig[];
  queues: QueueSummary[];
  disabled: boolean;
  onChoose: (service: ServiceConfig) => void;
  /** Offered when the branch takes appointments: the customer checks in with a booking code instead. */
  onAppointment: (() => void) | null;
}

/** Services in the configured order; whether one is open is the server's word (QueueSummary.open). */
export function ServiceScreen({ language, services, queues, disabled, onChoose, onAppointment }: Props) {
  const { t } = useTranslation();
  const settled = useSettled();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="screen screen--services" aria-labelledby="services-title">
      <h1 id="services-title" ref={heading} tabIndex={-1}>
        {t('services.title')}
      </h1>
      <ul className="choices choices--services">
        {services.map((service) => {
          const queue = queues.find((q) => q.serviceId === service.id);
          return (
            <li key={service.id}>
              {queue?.open ? (
                <ServiceChoice
                  name={service.names[language]}
                  queue={queue}
                  disabled={disabled || !settled}
                  onChoose={() => onChoose(service)}
                />
              ) : (
                <ClosedService service={service} language={language} />
              )}
            </li>
          );
        })}
      </ul>
      {onAppointment ? (
        <button type="button" className="choice choice--appointment" data-testid="have-appointment" disabled={disabled || !settled} onClick={onAppointment}>
          {t('appointment.button')}
        </button>
      ) : null}
    </section>
  );
}
