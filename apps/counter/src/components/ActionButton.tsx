import { useTranslation } from 'react-i18next';
import type { ActionId } from '../model/counter-model';
import { SHORTCUTS } from '../model/shortcuts';

interface Props {
  action: ActionId;
  enabled: boolean;
  pending: ActionId | null;
  onPress: (action: ActionId) => void;
  primary?: boolean;
}

/**
 * A command button: label, its key, and "sending…" while its ack is awaited. The key is shown but not part of the
 * button's name (a screen reader says "Call next", and announces the key from aria-keyshortcuts).
 */
export function ActionButton({ action, enabled, pending, onPress, primary }: Props) {
  const { t } = useTranslation();
  const isPending = pending === action;
  return (
    <button
      type="button"
      className={`action action-${action}${primary ? ' primary' : ''}${isPending ? ' pending' : ''}`}
      disabled={!enabled || pending !== null}
      aria-busy={isPending}
      aria-keyshortcuts={SHORTCUTS[action]}
      data-action={action}
      onClick={() => onPress(action)}
    >
      <span className="action-label">{isPending ? t('actions.sending') : t(`actions.${action}`)}</span>
      <kbd aria-hidden="true">{SHORTCUTS[action]}</kbd>
    </button>
  );
}
