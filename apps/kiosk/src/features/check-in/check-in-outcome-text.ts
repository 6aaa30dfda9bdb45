import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { spokenTicketNumber, type CustomerLanguage } from '@rinda/shared';
import { speak } from '../../speech/speak';
import type { CheckInOutcome } from './send-check-in';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** What the customer reads, or (`spoken`) hears: the ticket's number as a person says it. */
export function checkInOutcomeText(t: Translate, outcome: CheckInOutcome, language: CustomerLanguage, spoken = false): string {
  if (outcome.kind !== 'checkedIn') return t(`checkIn.${outcome.kind}`);
  return t('checkIn.done', { number: spoken ? spokenTicketNumber(outcome.number, language) : outcome.number });
}

/**
 * In the audio-guided mode a check-in's outcome is said as it shows, in the language it shows in; a confirmed one
 * also says how to finish (its Done has the focus, so Enter is it).
 */
export function useSpokenCheckInOutcome(on: boolean, outcome: CheckInOutcome | null, language: CustomerLanguage, token: string | null): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!on || !outcome) return;
    const t = i18n.getFixedT(language);
    const said = checkInOutcomeText(t, outcome, language, true);
    return speak(language, outcome.kind === 'checkedIn' ? `${said} ${t('audio.resultHint')}` : said, token);
  }, [on, outcome, language, token, i18n]);
}
