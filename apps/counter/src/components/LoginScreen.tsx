import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from '../auth/login';
import type { StoredSession } from '../auth/session-token';
import { unlockAudio } from '@rinda/shared/ui/audio';
import { LanguageSwitch } from './LanguageSwitch';

/** `notice`: translation key of why the last session ended, shown above the form. */
export function LoginScreen({ notice, onSignedIn }: { notice: string | null; onSignedIn: (session: StoredSession) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    // The sign-in click is the user gesture that lets the new-customer beep play later.
    unlockAudio();
    setBusy(true);
    setError(null);
    const outcome = await login(username.trim(), password);
    setBusy(false);
    if (outcome.ok) onSignedIn({ token: outcome.data.token, passwordChangeRequired: outcome.data.passwordChangeRequired });
    else setError(t(`login.errors.${outcome.code}`, { defaultValue: t('login.errors.INTERNAL') }));
  }

  return (
    <main className="login">
      <header className="login-header">
        <h1>{t('login.title')}</h1>
        <LanguageSwitch />
      </header>
      {notice && (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      )}
      <form onSubmit={submit} className="login-form">
        <label>
          {t('login.username')}
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
        </label>
        <label>
          {t('login.password')}
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? t('login.signingIn') : t('login.signIn')}
        </button>
      </form>
    </main>
  );
}
