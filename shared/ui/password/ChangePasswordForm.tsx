import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordRoute, PASSWORD_MIN_LENGTH } from '@rinda/shared';
import { callRoute } from '../http/api-client';
import './password.css';

/**
 * A signed-in user's own password (counter and manager apps): the current one, the new one twice. The
 * server checks the policy; the length is checked here only to spare a round trip. Texts: `password.*`
 * of the app's default namespace.
 */
export function ChangePasswordForm({ token, onChanged }: { token: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if ([...next].length < PASSWORD_MIN_LENGTH) return setError(t('password.errors.tooShort', { min: PASSWORD_MIN_LENGTH }));
    if (next !== repeat) return setError(t('password.errors.mismatch'));
    setBusy(true);
    setError(null);
    const result = await callRoute(ChangePasswordRoute, { token, body: { currentPassword: current, newPassword: next } });
    setBusy(false);
    if (result.ok) onChanged();
    else setError(t(`password.errors.${result.code}`, { defaultValue: t('password.errors.INTERNAL') }));
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="password-form">
      <label>
        {t('password.current')}
        <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" autoFocus required />
      </label>
      <label>
        {t('password.new')}
        <input type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" required aria-describedby="password-hint" />
      </label>
      <p id="password-hint" className="password-hint">
        {t('password.hint', { min: PASSWORD_MIN_LENGTH })}
      </p>
      <label>
        {t('password.repeat')}
        <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" required />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
        {busy ? t('password.saving') : t('password.save')}
      </button>
    </form>
  );
}
