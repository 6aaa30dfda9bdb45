import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LogoutRoute, UsersRoute } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { ChangePasswordForm } from '@rinda/shared/ui/password';
import { sessionToken, type StoredSession } from '../api/session-token';
import { ManagerConnection } from '../connection/manager-connection';
import { ReportsScreen } from '../reports/ReportsScreen';
import { StaffingScreen } from '../staffing/StaffingScreen';
import { AppointmentsScreen } from '../appointments/AppointmentsScreen';
import { AuditScreen } from '../config/AuditScreen';
import { ConfigScreen } from '../config/ConfigScreen';
import { DevicesScreen } from '../config/DevicesScreen';
import { UsersScreen } from '../config/UsersScreen';
import { LanguageSwitch } from './LanguageSwitch';
import { LoginScreen } from './LoginScreen';
import { MonitorScreen } from './MonitorScreen';

const TABS = ['monitor', 'reports', 'staffing', 'appointments', 'configuration', 'users', 'devices', 'audit'] as const;
/** 'password' is the manager's own password, opened from the top bar rather than a tab. */
type Tab = (typeof TABS)[number] | 'password';

export function App() {
  const [session, setSession] = useState<StoredSession | null>(() => sessionToken.read());
  const keep = (next: StoredSession) => {
    sessionToken.save(next);
    setSession(next);
  };
  if (!session) return <LoginScreen onSignedIn={keep} />;
  const signOut = () => {
    void callRoute(LogoutRoute, { token: session.token });
    sessionToken.clear();
    setSession(null);
  };
  // A password another manager set: nothing else works with this session until the manager chose their own.
  if (session.passwordChangeRequired)
    return <ChangePasswordScreen token={session.token} onChanged={() => keep({ ...session, passwordChangeRequired: false })} onSignOut={signOut} />;
  return <Signed token={session.token} onSignOut={signOut} />;
}

function ChangePasswordScreen({ token, onChanged, onSignOut }: { token: string; onChanged: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="login">
      <header>
        <h1>{t('password.title')}</h1>
        <LanguageSwitch />
      </header>
      <p role="status">{t('password.required')}</p>
      <ChangePasswordForm token={token} onChanged={onChanged} />
      <button type="button" className="link-button" onClick={onSignOut}>{t('app.signOut')}</button>
    </main>
  );
}

function Signed({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const { t } = useTranslation();
  const [connection] = useState(() => new ManagerConnection(token));
  useEffect(() => () => connection.close(), [connection]);
  const live = useSyncExternalStore(connection.subscribe, connection.getState);
  const now = useNow(live.clockOffsetMs);
  const [tab, setTab] = useState<Tab>('monitor');
  const [passwordChanged, setPasswordChanged] = useState(false);
  const tellerNames = useUserNames(token);

  if (live.refusal) {
    return (
      <main className="login">
        <p role="alert">{t('app.sessionEnded', { reason: live.refusal.message })}</p>
        <button type="button" onClick={onSignOut}>{t('app.signInAgain')}</button>
      </main>
    );
  }
  const view = live.view;
  return (
    <div className="app">
      <header className="topbar">
        <h1>{view ? view.config.branch.name : t('app.title')}</h1>
        <nav aria-label={t('app.sections')}>
          {TABS.map((x) => (
            <button key={x} type="button" aria-current={tab === x ? 'page' : undefined} onClick={() => setTab(x)}>
              {t(`tabs.${x}`)}
            </button>
          ))}
        </nav>
        <span className={live.status === 'online' ? 'online' : 'offline'} role="status">{t(live.status === 'online' ? 'app.online' : 'app.offline')}</span>
        <LanguageSwitch />
        <button type="button" aria-current={tab === 'password' ? 'page' : undefined} onClick={() => (setPasswordChanged(false), setTab('password'))}>{t('password.change')}</button>
        <button type="button" onClick={onSignOut}>{t('app.signOut')}</button>
      </header>
      <main>
        {!view ? (
          <p>{t('app.connecting')}</p>
        ) : tab === 'monitor' ? (
          <MonitorScreen view={view} now={now} token={token} />
        ) : tab === 'reports' ? (
          <ReportsScreen token={token} config={view.config} now={now} tellerNames={tellerNames} />
        ) : tab === 'staffing' ? (
          <StaffingScreen token={token} config={view.config} now={now} />
        ) : tab === 'appointments' ? (
          <AppointmentsScreen token={token} config={view.config} now={now} />
        ) : tab === 'configuration' ? (
          <ConfigScreen token={token} config={view.config} />
        ) : tab === 'users' ? (
          <UsersScreen token={token} />
        ) : tab === 'devices' ? (
          <DevicesScreen token={token} devices={view.devices} printerProfiles={Object.keys(view.config.printerProfiles)} counters={view.config.counters} />
        ) : tab === 'password' ? (
          <section className="card password-card" aria-label={t('password.title')}>
            <h2>{t('password.title')}</h2>
            {passwordChanged ? <p role="status" className="saved">{t('password.done')}</p> : <ChangePasswordForm token={token} onChanged={() => setPasswordChanged(true)} />}
          </section>
        ) : (
          <AuditScreen token={token} />
        )}
      </main>
    </div>
  );
}

/** The server's clock, ticking each second, so live waits count up. */
function useNow(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 1000);
    return () => clearInterval(timer);
  }, [offsetMs]);
  return now;
}

/** Teller names for report groups (reports carry ids only). */
function useUserNames(token: string): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    void callRoute(UsersRoute, { token }).then((r) => {
      if (r.ok) setNames(new Map(r.data.users.map((u) => [u.id, u.name])));
    });
  }, [token]);
  return names;
}
