import { useTranslation } from 'react-i18next';
import type { RefusalReason } from '../../flow/kiosk-flow';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useSettled } from '../../ui/use-settled';

interface Props {
  reason: RefusalReason;
  onRetry: () => void;
}

/** No number was issued. A failed request can be retried: the same choice, the same requestId. */
export function RefusedScreen({ reason, onRetry }: Props) {
  const { t } = useTranslation();
  const settled = useSettled();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="screen screen--refused" aria-labelledby="refused-title">
      <div className="refused__icon" aria-hidden="true">
        !
      </div>
      <div role="alert">
        <h1 id="refused-title" ref={heading} tabIndex={-1} data-testid="refused-message">
          {t(`refused.${reason}`)}
        </h1>
      </div>
      {reason === 'failed' ? (
        <button type="button" className="choice choice--primary" disabled={!settled} onClick={onRetry}>
          {t('refused.retry')}
        </button>
      ) : null}
    </section>
  );
}
