import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BranchConnection } from '../connection/branch-connection';
import { useConnectionState } from '../connection/use-connection';
import { chooseLanguage, hasSavedLanguage } from '../i18n';
import { heldCounterId } from '../model/counter-model';
import { CounterPicker } from './CounterPicker';
import { CounterScreen } from './CounterScreen';
import { StatusBar } from './StatusBar';

/** One signed-in session: owns the connection for as long as the token is valid. */
/** `onEnded` gets the translation key of why the session ended, or null when the teller logged out. */
export function Session({ token, onEnded }: { token: string; onEnded: (notice: string | null) => void }) {
  const [connection, setConnection] = useState<BranchConnection | null>(null);
  useEffect(() => {
    const created = new BranchConnection(token);
    setConnection(created);
    return () => created.close();
  }, [token]);
  if (!connection) return null;
  return <ConnectedSession connection={connection} token={token} onEnded={onEnded} />;
}

function ConnectedSession({ connection, token, onEnded }: { connection: BranchConnection; token: string; onEnded: (notice: string | null) => void }) {
  const { t } = useTranslation();
  const state = useConnectionState(connection);
  const staffLanguage = state.view?.config.branch.staffLanguage;

  useEffect(() => {
    if (state.refusal) onEnded(state.refusal.sessionEnded ? 'login.sessionEnded' : `errors.${state.refusal.code}`);
  }, [state.refusal, onEnded]);

  useEffect(() => {
    if (staffLanguage && !hasSavedLanguage()) chooseLanguage(staffLanguage);
  }, [staffLanguage]);

  if (!state.view)
    return (
      <main className="connecting" role="status">
        {t('connection.connecting')}
      </main>
    );

  const counterId = heldCounterId(state.view);
  return (
    <div className="app">
      <StatusBar view={state.view} status={state.status} token={token} atCounter={counterId !== null} onLoggedOut={() => onEnded(null)} />
      {counterId ? (
        // Keyed by counter so a new sign-in starts with fresh cue state.
        <CounterScreen key={counterId} connection={connection} state={state} counterId={counterId} />
      ) : (
        <CounterPicker connection={connection} view={state.view} online={state.status === 'online'} />
      )}
    </div>
  );
}
