import { useTranslation } from 'react-i18next';
import type { PauseReason, StaffLanguage } from '@rinda/shared';
import { Dialog } from './Dialog';

/** The configured pause reasons; keys 1–9 choose. */
export function PauseDialog({ reasons, onPick, onClose }: { reasons: PauseReason[]; onPick: (reasonId: string) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as StaffLanguage;
  return (
    <Dialog title={t('dialog.pauseTitle')} onClose={onClose}>
      <div
        className="reason-list"
        onKeyDown={(e) => {
          const reason = reasons[Number(e.key) - 1];
          if (reason) onPick(reason.id);
        }}
      >
        {reasons.map((reason, i) => (
          <button type="button" key={reason.id} onClick={() => onPick(reason.id)} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}>
            {reason.names[lang]}
            {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
          </button>
        ))}
      </div>
    </Dialog>
  );
}
