import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ARRIVAL_CODE_DIGITS, newRequestId } from '@rinda/shared';
import type { LiveConnection } from '../../connection/live-connection';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';

interface Props {
  connection: LiveConnection;
  disabled: boolean;
  onDone: () => void;
}

type Outcome = { kind: 'checkedIn'; number: string } | { kind: 'notFound' | 'notNeeded' | 'failed' };

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * "I'm here" at the kiosk for a ticket taken on a phone: the kiosk's QR reader types the status page's address
 * into the focused field and presses Enter, or the customer types the arrival code the page shows (keypad or
 * keyboard). Once checked in, the ticket's call waits for its customer like any other (no no-show fallback).
 */
export function CheckInScreen({ connection, disabled, onDone }: Props) {
  const { t } = useTranslation();
  const field = useFocusOnMount<HTMLInputElement>();
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const sending = useRef(false);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (sending.current || code.trim() === '') return;
    sending.current = true;
    try {
      const { result } = await connection.send('ticket:checkIn', { requestId: newRequestId(), code });
      if (result.ok) setOutcome({ kind: 'checkedIn', number: result.data.ticket.displayNumber });
      else if (result.error.code === 'NOT_FOUND') setOutcome({ kind: 'notFound' });
      else if (result.error.code === 'INVALID_STATE') setOutcome({ kind: 'notNeeded' });
      else setOutcome({ kind: 'failed' });
    } finally {
      sending.current = false;
      setCode('');
      field.current?.focus();
    }
  }

  const press = (digit: string) => {
    setCode((c) => (/^\d*$/.test(c) && c.length < ARRIVAL_CODE_DIGITS ? c + digit : c));
    field.current?.focus();
  };

  return (
    <section className="screen screen--check-in" aria-labelledby="check-in-title">
      <h1 id="check-in-title">{t('checkIn.title')}</h1>
      {outcome?.kind === 'checkedIn' ? (
        <div className="check-in__done" role="status">
          <p className="check-in__message" data-testid="check-in-outcome">{t('checkIn.done', { number: outcome.number })}</p>
          <button type="button" className="choice choice--primary" onClick={onDone}>
            {t('nav.done')}
          </button>
        </div>
      ) : (
        <form className="check-in__form" onSubmit={(e) => void submit(e)}>
          <p className="screen__subtitle">{t('checkIn.hint', { digits: ARRIVAL_CODE_DIGITS })}</p>
          <label className="check-in__label" htmlFor="check-in-code">
            {t('checkIn.codeLabel')}
          </label>
          <input
            id="check-in-code"
            ref={field}
            className="check-in__code"
            value={code}
            maxLength={300}
            autoComplete="off"
            inputMode="numeric"
            onChange={(e) => setCode(e.target.value)}
          />
          <div className="check-in__keypad">
            {DIGITS.map((d) => (
              <button key={d} type="button" className="choice check-in__key" disabled={disabled} onClick={() => press(d)}>
                {d}
              </button>
            ))}
            <button type="button" className="choice check-in__key" disabled={disabled} onClick={() => setCode((c) => c.slice(0, -1))}>
              {t('checkIn.erase')}
            </button>
          </div>
          {outcome ? (
            <p role="alert" className="check-in__message" data-testid="check-in-outcome">
              {t(`checkIn.${outcome.kind}`)}
            </p>
          ) : null}
          <button type="submit" className="choice choice--primary" disabled={disabled || code.trim() === ''}>
            {t('checkIn.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
