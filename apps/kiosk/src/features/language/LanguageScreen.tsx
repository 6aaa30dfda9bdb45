import { useTranslation } from 'react-i18next';
import type { CustomerLanguage } from '@rinda/shared';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useSettled } from '../../ui/use-settled';

interface Props {
  languages: CustomerLanguage[];
  defaultLanguage: CustomerLanguage;
  onChoose: (language: CustomerLanguage) => void;
  /** Opens the check-in of a ticket taken on a phone; null when the branch offers no remote join. */
  onCheckIn: (() => void) | null;
}

/** Each language offered in its own name, with the prompt in every language so anyone finds theirs. */
export function LanguageScreen({ languages, defaultLanguage, onChoose, onCheckIn }: Props) {
  const { i18n } = useTranslation();
  const settled = useSettled();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const inLanguage = (lng: CustomerLanguage, key: string) => i18n.getFixedT(lng)(key);
  return (
    <section className="screen screen--language" aria-labelledby="language-title">
      <h1 id="language-title" ref={heading} tabIndex={-1} lang={defaultLanguage}>
        {inLanguage(defaultLanguage, 'language.prompt')}
      </h1>
      <p className="screen__subtitle">
        {languages
          .filter((lng) => lng !== defaultLanguage)
          .map((lng) => (
            <span key={lng} lang={lng} className="prompt-in-language">
              {inLanguage(lng, 'language.prompt')}
            </span>
          ))}
      </p>
      <ul className="choices choices--languages">
        {languages.map((lng) => (
          <li key={lng}>
            <button type="button" className="choice" lang={lng} disabled={!settled} onClick={() => onChoose(lng)}>
              {inLanguage(lng, 'languageName')}
            </button>
          </li>
        ))}
      </ul>
      {onCheckIn ? (
        <button type="button" className="choice check-in__open" lang={defaultLanguage} disabled={!settled} onClick={onCheckIn}>
          {inLanguage(defaultLanguage, 'checkIn.open')}
        </button>
      ) : null}
    </section>
  );
}
