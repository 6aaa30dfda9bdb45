import { spokenCounterNumber, spokenTicketNumber, type BranchConfig, type CallView, type CustomerLanguage } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';

export interface AnnouncementPhrase {
  language: CustomerLanguage;
  text: string;
}

/** The languages a call is spoken in: the branch's, in its order, then the customer's own if not among them. */
export function announcementLanguages(call: Pick<CallView, 'language'>, config: BranchConfig): CustomerLanguage[] {
  const languages = [...config.branch.announcementLanguages];
  return languages.includes(call.language) ? languages : [...languages, call.language];
}

type SpokenCall = Pick<CallView, 'displayNumber' | 'counterNumber' | 'language'>;

function phrase(call: SpokenCall, language: CustomerLanguage, key: 'call' | 'callBrief'): AnnouncementPhrase {
  return {
    language,
    text: translate(customerMessages.voice[language], key, {
      number: spokenTicketNumber(call.displayNumber, language),
      counter: spokenCounterNumber(call.counterNumber, language),
    }),
  };
}

/** What is said for one call, one phrase per language, from the `voice` translation templates. */
export function announcementPhrases(call: SpokenCall, config: BranchConfig): AnnouncementPhrase[] {
  return announcementLanguages(call, config).map((language) => phrase(call, language, 'call'));
}

/**
 * The short form said while other calls wait ("A 23, counter 3"), in the hall's first announcement language
 * only (display.announcementPolicy, shared/src/rules/announcement-plan.ts).
 */
export function briefAnnouncementPhrase(call: SpokenCall, config: BranchConfig): AnnouncementPhrase {
  return phrase(call, config.branch.announcementLanguages[0]!, 'callBrief');
}
