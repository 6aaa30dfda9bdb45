import type { CustomerLanguage, QueueSummary, ServiceConfig } from '@rinda/shared';
import { Bilingual } from './Bilingual';

/** How many wait in each open service, named in the hall's main language. */
export function WaitingCounts({ queues, services, languages }: { queues: QueueSummary[]; services: ServiceConfig[]; languages: CustomerLanguage[] }) {
  const main = languages[0] ?? 'en';
  const rows = services.flatMap((service) => {
    const queue = queues.find((q) => q.serviceId === service.id);
    return queue && queue.open ? [{ service, waiting: queue.waiting }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <footer className="waiting">
      <span className="waiting-label">
        <Bilingual k="waiting" languages={languages} />
      </span>
      {rows.map(({ service, waiting }) => (
        <span key={service.id} className="waiting-service" data-testid="waiting-service">
          <span className="waiting-prefix">{service.prefix}</span>
          <span className="waiting-name" lang={main}>
            {service.names[main]}
          </span>
          <span className="waiting-count">{waiting}</span>
        </span>
      ))}
    </footer>
  );
}
