import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ARRIVAL_CODE_DIGITS, type CustomerLanguage } from '@rinda/shared';
import type { LiveConnection } from '../../connection/live-connection';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { checkInOutcomeText, useSpokenCheckInOutcome } from './check-in-outcome-text';
import { sendCheckIn, type CheckInOutcome } from './send-check-in';

interface Props {
  connection: LiveConnection;
  language: CustomerLanguage;
  disabled: boolean;
  audioGuide: boolean;
  deviceToken: string | null;
  onDone: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * "I'm here" at the kiosk for a ticket taken on a phone: the customer types the arrival code the status page shows
 * (keypad or keyboard), or the kiosk's QR reader scans the page's code (a scan is heard on every screen, this one
 * included: use-scan-listener.ts; a reader too slow to be told from typing still types the address here).
 * Once checked in, the ticket's call waits for its customer like any other (no no-show fallback).
 */
export function CheckInScreen({ connection, language, disabled, audioGuide, deviceToken, onDone }: Props) {
  const { t } = useTranslation();
  const field = useFocusOnMount<HTMLInputElement>();
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<CheckInOutcome | null>(null);
  const sending = useRef(false);
  useSpokenCheckInOutcome(audioGuide, outcome, language, deviceToken);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (sending.current || code.trim() === '') return;
    sending.current = true;
    try {
      setOutcome(await sendCheckIn(connection, code));
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
        <CheckedIn text={checkInOutcomeText(t, outcome, language)} onDone={onDone} />
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
              {checkInOutcomeText(t, outcome, language)}
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

/** Done has the focus once checked in: Enter (the audio guide's key) or a touch ends. */
function CheckedIn({ text, onDone }: { text: string; onDone: () => void }) {
  const { t } = useTranslation();
  const done = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="check-in__done" role="status">
      <p className="check-in__message" data-testid="check-in-outcome">
        {text}
      </p>
      <button type="button" ref={done} className="choice choice--primary" onClick={onDone}>
        {t('nav.done')}
      </button>
    </div>
  );
}
