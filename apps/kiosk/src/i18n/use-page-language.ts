import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerLanguage } from '@rinda/shared';
import { setDocumentLanguage } from './setup-i18n';

/** A phone page speaks the customer's language once known (the ticket's, or the one picked): text and `lang` alike. */
export function usePageLanguage(language: CustomerLanguage | null | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!language) return;
    void i18n.changeLanguage(language);
    setDocumentLanguage(language);
  }, [i18n, language]);
}
