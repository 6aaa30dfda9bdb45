import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';

interface Props {
  disabled: boolean;
  onSubmit: (code: string) => void;
}

/**
 * The booking code, typed on the touch keyboard or read by a QR scanner (which types it, then Enter). The server
 * reads it in any case and with or without the dash; a wrong code is refused there.
 */
export function AppointmentScreen({ disabled, onSubmit }: Props) {
  const { t } = useTranslation();
  const input = useFocusOnMount<HTMLInputElement>();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() !== '') onSubmit(code.trim());
  };
  return (
    <section className="screen screen--appointment" aria-labelledby="appointment-title">
      <h1 id="appointment-title">{t('appointment.title')}</h1>
      <p className="screen__subtitle">{t('appointment.hint')}</p>
      <form className="appointment__form" onSubmit={submit}>
        <label className="appointment__label" htmlFor="booking-code">
          {t('appointment.codeLabel')}
        </label>
        <input
          id="booking-code"
          ref={input}
          className="appointment__code"
          data-testid="booking-code"
          value={code}
          maxLength={40}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="choice choice--primary" data-testid="check-in" disabled={disabled || code.trim() === ''}>
          {t('appointment.submit')}
        </button>
      </form>
    </section>
  );
}
