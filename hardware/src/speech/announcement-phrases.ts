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

/** What is said for one call, one phrase per language, from the `voice` translation templates. */
export function announcementPhrases(
  call: Pick<CallView, 'displayNumber' | 'counterNumber' | 'language'>,
  config: BranchConfig,
): AnnouncementPhrase[] {
  return announcementLanguages(call, config).map((language) => ({
    language,
    text: translate(customerMessages.voice[language], 'call', {
      number: spokenTicketNumber(call.displayNumber, language),
      counter: spokenCounterNumber(call.counterNumber, language),
    }),
  }));
}
