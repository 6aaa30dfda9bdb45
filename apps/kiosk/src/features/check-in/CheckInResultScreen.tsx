import { useTranslation } from 'react-i18next';
import type { CustomerLanguage } from '@rinda/shared';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { checkInOutcomeText, useSpokenCheckInOutcome } from './check-in-outcome-text';
import type { CheckInOutcome } from './send-check-in';

interface Props {
  outcome: CheckInOutcome;
  /** The ticket's own language when it was found (its customer chose it on the phone), else the screen's. */
  language: CustomerLanguage;
  audioGuide: boolean;
  deviceToken: string | null;
  onClose: () => void;
}

/**
 * A phone ticket scanned on any screen (use-scan-listener.ts): what came of it, in place of the screen the customer
 * was on, which comes back as it was when they close this (or the kiosk starts over when nobody does).
 */
export function CheckInResultScreen({ outcome, language, audioGuide, deviceToken, onClose }: Props) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(language);
  const done = useFocusOnMount<HTMLButtonElement>();
  useSpokenCheckInOutcome(audioGuide, outcome, language, deviceToken);
  return (
    <section className="screen screen--check-in" aria-labelledby="check-in-title" lang={language} data-testid="scan-result">
      <h1 id="check-in-title">{t('checkIn.title')}</h1>
      <div className="check-in__done">
        <p className="check-in__message" role={outcome.kind === 'checkedIn' ? 'status' : 'alert'} data-testid="check-in-outcome">
          {checkInOutcomeText(t, outcome, language)}
        </p>
        <button type="button" ref={done} className="choice choice--primary nav-button--primary" onClick={onClose}>
          {t('nav.done')}
        </button>
      </div>
    </section>
  );
}
