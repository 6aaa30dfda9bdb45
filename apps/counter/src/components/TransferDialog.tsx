import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BranchConfig, StaffLanguage, TransferPosition, TransferTarget } from '@rinda/shared';
import { Dialog } from './Dialog';

interface Props {
  config: BranchConfig;
  fromCounterId: string;
  ticketNumber: string;
  onConfirm: (target: TransferTarget, position: TransferPosition) => void;
  onClose: () => void;
}

const POSITIONS: TransferPosition[] = ['front', 'back', 'arrival'];

/** Where the customer goes next: a service or a counter, and where in that queue. */
export function TransferDialog({ config, fromCounterId, ticketNumber, onConfirm, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as StaffLanguage;
  const services = config.services.filter((s) => s.active);
  const counters = config.counters.filter((c) => c.id !== fromCounterId);
  const [target, setTarget] = useState(() => (services[0] ? `service:${services[0].id}` : `counter:${counters[0]?.id ?? ''}`));
  const [position, setPosition] = useState<TransferPosition>('front');

  function confirm() {
    const [kind, id = ''] = target.split(':');
    onConfirm(kind === 'counter' ? { kind: 'counter', counterId: id } : { kind: 'service', serviceId: id }, position);
  }

  return (
    <Dialog title={t('dialog.transferTitle', { number: ticketNumber })} onClose={onClose}>
      <form
        className="transfer-form"
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
        // Enter confirms from any field; a select does not submit its form by itself.
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || (e.target as HTMLElement).tagName === 'BUTTON') return;
          e.preventDefault();
          confirm();
        }}
      >
        <label>
          {t('dialog.transferTo')}
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-autofocus>
            <optgroup label={t('dialog.services')}>
              {services.map((s) => (
                <option key={s.id} value={`service:${s.id}`}>
                  {s.names[lang]}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('dialog.counters')}>
              {counters.map((c) => (
                <option key={c.id} value={`counter:${c.id}`}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <fieldset>
          <legend>{t('dialog.position')}</legend>
          {POSITIONS.map((p) => (
            <label key={p} className="radio">
              <input type="radio" name="position" value={p} checked={position === p} onChange={() => setPosition(p)} />
              {t(`dialog.positions.${p}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" aria-keyshortcuts="Enter">
          {t('actions.transfer')} <kbd aria-hidden="true">Enter</kbd>
        </button>
      </form>
    </Dialog>
  );
}
