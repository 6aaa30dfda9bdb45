import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { callApi } from '../api/http-api';
import { FormStatus } from './FormStatus';
import { useAdminCall } from './use-admin-call';
import { ColumnHeads } from '../components/ColumnHeads';

export const UserView = z.object({ id: z.string(), username: z.string(), name: z.string(), role: z.enum(['teller', 'manager']), disabled: z.boolean(), createdAt: z.number() });
type UserView = z.infer<typeof UserView>;

export function UsersScreen({ token }: { token: string }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserView[]>([]);
  const reload = useCallback(() => {
    void callApi('/api/admin/users', z.object({ users: z.array(UserView) }), { token }).then((r) => r.ok && setUsers(r.data.users));
  }, [token]);
  useEffect(reload, [reload]);
  const { error, saved, busy, run } = useAdminCall(token);
  const [draft, setDraft] = useState({ username: '', name: '', password: '', role: 'teller' as 'teller' | 'manager' });
  const create = async () => {
    if (await run('/api/admin/users', { method: 'POST', body: draft })) {
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
          <label>{t('users.password')}<input type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} required /></label>
          <label>
            {t('users.role')}
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as 'teller' | 'manager' })}>
              <option value="teller">{t('users.roles.teller')}</option>
              <option value="manager">{t('users.roles.manager')}</option>
            </select>
          </label>
        </div>
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
    if (await run(`/api/admin/users/${user.id}/disabled`, { method: 'POST', body: { disabled: !user.disabled } })) onChanged();
  };
  const reset = async () => {
    if (await run(`/api/admin/users/${user.id}/password`, { method: 'POST', body: { password } })) setPassword('');
  };
  return (
    <tr data-user={user.username}>
      <td>{user.username}</td>
      <td>{user.name}</td>
      <td>{t(`users.roles.${user.role}`)}</td>
      <td>{t(user.disabled ? 'users.disabled' : 'users.enabled')}</td>
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
