import { useTranslation } from 'react-i18next';
import type { QueueSummary } from '@rinda/shared';
import { waitText } from '../../ui/wait-text';

const SERVICE_WAIT_KEYS = { range: 'services.waitRange', under: 'services.waitUnder', noCounter: 'services.noCounter' };

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
        {t('services.waiting', { count: queue.waiting })} · {t(...waitText(queue.wait, SERVICE_WAIT_KEYS))}
      </span>
    </button>
  );
}
