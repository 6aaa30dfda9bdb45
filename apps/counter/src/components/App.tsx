import { useState } from 'react';
import { clearToken, readToken, saveToken } from '../auth/session-token';
import { LoginScreen } from './LoginScreen';
import { Session } from './Session';

export function App() {
  const [token, setToken] = useState(readToken);
  const [notice, setNotice] = useState<string | null>(null);

  if (!token)
    return (
      <LoginScreen
        notice={notice}
        onSignedIn={(newToken) => {
          saveToken(newToken);
          setNotice(null);
          setToken(newToken);
        }}
      />
    );
  return (
    <Session
      token={token}
      onEnded={(why) => {
        clearToken();
        setNotice(why);
        setToken(null);
      }}
    />
  );
}
