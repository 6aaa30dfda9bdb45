import { useTranslation } from 'react-i18next';
import type { CustomerLanguage, PriorityReason } from '@rinda/shared';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useSettled } from '../../ui/use-settled';

interface Props {
  language: CustomerLanguage;
  serviceName: string;
  reasons: PriorityReason[];
  disabled: boolean;
  onChoose: (priorityReasonId: string | null) => void;
}

/** Asked only for services with priority reasons; the regular ticket comes first, as most customers want it. */
export function PriorityScreen({ language, serviceName, reasons, disabled, onChoose }: Props) {
  const { t } = useTranslation();
  const settled = useSettled();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="screen screen--priority" aria-labelledby="priority-title">
      <p className="screen__context">{serviceName}</p>
      <h1 id="priority-title" ref={heading} tabIndex={-1}>
        {t('priority.title')}
      </h1>
      <p className="screen__subtitle">{t('priority.hint')}</p>
      <ul className="choices choices--priority">
        <li>
          <button type="button" className="choice choice--primary" disabled={disabled || !settled} onClick={() => onChoose(null)}>
            {t('priority.none')}
          </button>
        </li>
        {reasons.map((reason) => (
          <li key={reason.id}>
            <button type="button" className="choice" disabled={disabled || !settled} onClick={() => onChoose(reason.id)}>
              {reason.names[language]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
