import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SessionUser } from '@rinda/shared';
import { callApi } from '../api/http-api';
import { LanguageSwitch } from './LanguageSwitch';

const LoginReply = z.object({ token: z.string().min(16), user: SessionUser });

export function LoginScreen({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await callApi('/api/auth/login', LoginReply, { method: 'POST', body: { username, password } });
    setBusy(false);
    if (!result.ok) return setError(result.code === 'UNAUTHENTICATED' ? t('login.wrong') : result.message);
    if (result.data.user.role !== 'manager') return setError(t('login.notManager'));
    onSignedIn(result.data.token);
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
