import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal panel: Escape closes it, focus moves into it, and the counter's shortcuts pause meanwhile. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus], button, select, input');
    first?.focus();
  }, []);
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        e.stopPropagation();
      }}
    >
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={panel}>
        <h2>{title}</h2>
        {children}
        <button type="button" className="dialog-close" onClick={onClose} aria-keyshortcuts="Escape">
          {t('dialog.cancel')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </div>
  );
}
