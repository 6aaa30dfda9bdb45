import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessibilityToggle } from './features/accessibility/AccessibilityToggle';

interface Props {
  branchName: string;
  accessible: boolean;
  /** The audio-guided mode is on (marked for styling and tests; everything else is the same screen). */
  audio: boolean;
  onToggleAccessible: () => void;
  onBack: (() => void) | null;
  onStartOver: (() => void) | null;
  children: ReactNode;
}

/**
 * The frame every kiosk screen sits in: the branch name at the top, and every control in the lower part of the
 * screen (EN 301 549 reach range on a portrait kiosk): the way back and the accessibility toggle at the bottom.
 */
export function KioskFrame({ branchName, accessible, audio, onToggleAccessible, onBack, onStartOver, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className={`kiosk${accessible ? ' kiosk--accessible' : ''}`} data-audio-guide={audio ? 'on' : 'off'}>
      <header className="kiosk__header">
        <p className="kiosk__branch">{branchName}</p>
      </header>
      <main className="kiosk__main">{children}</main>
      <footer className="kiosk__footer">
        {onBack || onStartOver ? (
          <nav className="kiosk__nav" aria-label={t('nav.back')}>
            {onBack ? (
              <button type="button" className="nav-button" onClick={onBack}>
                <span aria-hidden="true">← </span>
                {t('nav.back')}
              </button>
            ) : null}
            {onStartOver ? (
              <button type="button" className="nav-button" onClick={onStartOver}>
                {t('nav.startOver')}
              </button>
            ) : null}
          </nav>
        ) : (
          <span />
        )}
        <AccessibilityToggle on={accessible} onToggle={onToggleAccessible} />
      </footer>
    </div>
  );
}
