import { useTranslation } from 'react-i18next';
import type { QueueSummary } from '@rinda/shared';

interface Props {
  name: string;
  queue: QueueSummary;
  disabled: boolean;
  onChoose: () => void;
}

export function ServiceChoice({ name, queue, disabled, onChoose }: Props) {
  const { t } = useTranslation();
  return (
    <button type="button" className="choice choice--service" disabled={disabled} onClick={onChoose}>
      <span className="choice__title">{name}</span>
      <span className="choice__detail">
        {t('services.waiting', { count: queue.waiting })} · {t('services.estimatedWait', { minutes: Math.round(queue.estimatedWaitMin) })}
      </span>
    </button>
  );
}
