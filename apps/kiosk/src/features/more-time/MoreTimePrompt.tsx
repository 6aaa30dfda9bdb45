import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';

/**
 * "Do you need more time?" before a screen starts over. Any touch or key answers it (use-idle-timeout.ts); the
 * button is there so the answer is also an obvious one. Sits in the lower part of the screen, within reach.
 */
export function MoreTimePrompt() {
  const { t } = useTranslation();
  const button = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="more-time" role="alertdialog" aria-modal="false" aria-labelledby="more-time-title" data-testid="more-time">
      <p id="more-time-title" className="more-time__title">
        {t('moreTime.title')}
      </p>
      {/* The press itself is the answer (any touch restarts the time); the click has nothing more to do. */}
      <button type="button" ref={button} className="choice choice--primary more-time__button">
        {t('moreTime.button')}
      </button>
    </div>
  );
}
