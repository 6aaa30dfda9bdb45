import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateUserRoute, ResetPasswordRoute, SetUserDisabledRoute, UsersRoute, type UserRole, type UserView, PASSWORD_MIN_LENGTH } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { FormStatus } from './FormStatus';
import { useAdminCall } from './use-admin-call';
import { ColumnHeads } from '../components/ColumnHeads';

export function UsersScreen({ token }: { token: string }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserView[]>([]);
  const reload = useCallback(() => {
    void callRoute(UsersRoute, { token }).then((r) => r.ok && setUsers(r.data.users));
  }, [token]);
  useEffect(reload, [reload]);
  const { error, saved, busy, run } = useAdminCall(token);
  const [draft, setDraft] = useState({ username: '', name: '', password: '', role: 'teller' as UserRole });
  const create = async () => {
    if (await run(CreateUserRoute, { body: draft })) {
      setDraft({ username: '', name: '', password: '', role: 'teller' });
      reload();
    }
  };
  return (
    <div className="users">
      <h2>{t('users.title')}</h2>
      <table>
        <ColumnHeads labels={['users.username', 'users.name', 'users.role', 'users.status', 'users.actions']} />
        <tbody>
          {users.map((u) => <UserRow key={u.id} user={u} token={token} onChanged={reload} />)}
        </tbody>
      </table>
      <form className="card" aria-label={t('users.create')} onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <h3>{t('users.create')}</h3>
        <div className="fields">
          <label>{t('users.username')}<input value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} required /></label>
          <label>{t('users.name')}<input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required /></label>
          <label>{t('users.password')}<input type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} required aria-describedby="new-user-password-hint" /></label>
          <label>
            {t('users.role')}
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as UserRole })}>
              <option value="teller">{t('users.roles.teller')}</option>
              <option value="manager">{t('users.roles.manager')}</option>
            </select>
          </label>
        </div>
        <p id="new-user-password-hint" className="hint">{t('users.passwordRule', { min: PASSWORD_MIN_LENGTH })}</p>
        <FormStatus error={error} saved={saved} />
        <button type="submit" disabled={busy}>{t('users.createButton')}</button>
      </form>
    </div>
  );
}

function UserRow({ user, token, onChanged }: { user: UserView; token: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { error, saved, busy, run } = useAdminCall(token);
  const [password, setPassword] = useState('');
  const toggle = async () => {
    if (await run(SetUserDisabledRoute, { params: { id: user.id }, body: { disabled: !user.disabled } })) onChanged();
  };
  const reset = async () => {
    if (await run(ResetPasswordRoute, { params: { id: user.id }, body: { password } })) setPassword('');
  };
  return (
    <tr data-user={user.username}>
      <td>{user.username}</td>
      <td>{user.name}</td>
      <td>{t(`users.roles.${user.role}`)}</td>
      <td>
        {t(user.disabled ? 'users.disabled' : 'users.enabled')}
        {user.passwordChangeRequired && <span className="tag"> · {t('users.mustChangePassword')}</span>}
        {user.demo && <span className="tag"> · {t('users.demo')}</span>}
      </td>
      <td>
        <button type="button" disabled={busy} onClick={() => void toggle()}>{t(user.disabled ? 'users.enable' : 'users.disable')}</button>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void reset(); }}>
          <label>
            <span className="visually-hidden">{t('users.newPassword', { username: user.username })}</span>
            <input type="password" autoComplete="new-password" placeholder={t('users.newPasswordShort')} value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <button type="submit" disabled={busy}>{t('users.resetPassword')}</button>
        </form>
        <FormStatus error={error} saved={saved} />
      </td>
    </tr>
  );
}
