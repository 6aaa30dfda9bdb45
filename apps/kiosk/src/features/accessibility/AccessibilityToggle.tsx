import { useTranslation } from 'react-i18next';

interface Props {
  on: boolean;
  onToggle: () => void;
}

/** High contrast + large text, reachable from every screen; "Aa" is recognisable before any language is chosen. */
export function AccessibilityToggle({ on, onToggle }: Props) {
  const { t } = useTranslation();
  return (
    <button type="button" className="a11y-toggle" aria-pressed={on} onClick={onToggle} title={t('accessibility.toggle')}>
      <span aria-hidden="true" className="a11y-toggle__icon">
        Aa
      </span>
      <span className="a11y-toggle__label">{t('accessibility.toggle')}</span>
    </button>
  );
}
