import { useTranslation } from 'react-i18next';
import type { BranchSnapshot } from '@rinda/shared';
import { logout } from '../auth/login';
import type { ConnectionStatus } from '../connection/branch-connection';
import { ChangePasswordButton } from './ChangePassword';
import { LanguageSwitch } from './LanguageSwitch';

interface Props {
  view: BranchSnapshot;
  status: ConnectionStatus;
  token: string;
  atCounter: boolean;
  onLoggedOut: () => void;
}

export function StatusBar({ view, status, token, atCounter, onLoggedOut }: Props) {
  const { t } = useTranslation();
  return (
    <header className="status-bar">
      <span className="branch-name">{view.config.branch.name}</span>
      <span className={`connection connection-${status}`} role="status">
        {status === 'online' ? t('connection.online') : t('connection.offline')}
      </span>
      <span className="spacer" />
      {view.me && <span className="teller-name">{view.me.name}</span>}
      <LanguageSwitch />
      <ChangePasswordButton token={token} />
      {!atCounter && (
        <button type="button" onClick={() => void logout(token).then(onLoggedOut)}>
          {t('login.logOut')}
        </button>
      )}
    </header>
  );
}
