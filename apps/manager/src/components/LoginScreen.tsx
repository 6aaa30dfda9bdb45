import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRoute } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import type { StoredSession } from '../api/session-token';
import { LanguageSwitch } from './LanguageSwitch';

export function LoginScreen({ onSignedIn }: { onSignedIn: (session: StoredSession) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await callRoute(LoginRoute, { body: { username, password } });
    setBusy(false);
    if (!result.ok) return setError(result.code === 'UNAUTHENTICATED' ? t('login.wrong') : result.code === 'DEMO_ACCOUNT' ? t('login.demo') : result.message);
    if (result.data.user.role !== 'manager') return setError(t('login.notManager'));
    onSignedIn({ token: result.data.token, passwordChangeRequired: result.data.passwordChangeRequired });
  };
  return (
    <main className="login">
      <header>
        <h1>{t('login.title')}</h1>
        <LanguageSwitch />
      </header>
      <form onSubmit={(e) => void submit(e)}>
        <label>{t('login.username')}<input autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required /></label>
        <label>{t('login.password')}<input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" disabled={busy}>{t('login.signIn')}</button>
      </form>
    </main>
  );
}
