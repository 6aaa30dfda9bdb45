import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessibilityToggle } from './features/accessibility/AccessibilityToggle';

interface Props {
  branchName: string;
  accessible: boolean;
  onToggleAccessible: () => void;
  onBack: (() => void) | null;
  onStartOver: (() => void) | null;
  children: ReactNode;
}

/** The frame every kiosk screen sits in: branch name, the accessibility toggle, and the way back. */
export function KioskFrame({ branchName, accessible, onToggleAccessible, onBack, onStartOver, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className={`kiosk${accessible ? ' kiosk--accessible' : ''}`}>
      <header className="kiosk__header">
        <p className="kiosk__branch">{branchName}</p>
        <AccessibilityToggle on={accessible} onToggle={onToggleAccessible} />
      </header>
      <main className="kiosk__main">{children}</main>
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
      ) : null}
    </div>
  );
}
