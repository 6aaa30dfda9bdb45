import { useState } from 'react';
import { clearSession, readSession, saveSession, type StoredSession } from '../auth/session-token';
import { logout } from '../auth/login';
import { ChangePasswordScreen } from './ChangePassword';
import { LoginScreen } from './LoginScreen';
import { Session } from './Session';

export function App() {
  const [session, setSession] = useState<StoredSession | null>(readSession);
  const [notice, setNotice] = useState<string | null>(null);
  const keep = (next: StoredSession) => {
    saveSession(next);
    setSession(next);
  };
  const end = (why: string | null) => {
    clearSession();
    setNotice(why);
    setSession(null);
  };

  if (!session)
    return (
      <LoginScreen
        notice={notice}
        onSignedIn={(signedIn) => {
          setNotice(null);
          keep(signedIn);
        }}
      />
    );
  // A password a manager set: the session may do nothing else until the teller chose their own.
  if (session.passwordChangeRequired)
    return (
      <ChangePasswordScreen
        token={session.token}
        onChanged={() => keep({ token: session.token, passwordChangeRequired: false })}
        onLogOut={() => void logout(session.token).then(() => end(null))}
      />
    );
  return <Session token={session.token} onEnded={end} />;
}
