import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '@rinda/shared/ui/password';
import { Dialog } from './Dialog';
import { LanguageSwitch } from './LanguageSwitch';

/** After signing in with a password a manager set: nothing else until the teller chose their own. */
export function ChangePasswordScreen({ token, onChanged, onLogOut }: { token: string; onChanged: () => void; onLogOut: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="login">
      <header className="login-header">
        <h1>{t('password.title')}</h1>
        <LanguageSwitch />
      </header>
      <p className="notice" role="status">
        {t('password.required')}
      </p>
      <ChangePasswordForm token={token} onChanged={onChanged} />
      <button type="button" className="link-button" onClick={onLogOut}>
        {t('login.logOut')}
      </button>
    </main>
  );
}

/** The status bar's button: any teller may change their password at any time. */
export function ChangePasswordButton({ token }: { token: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <button type="button" onClick={() => (setDone(false), setOpen(true))}>
        {t('password.change')}
      </button>
      {done && (
        <span className="password-done" role="status">
          {t('password.done')}
        </span>
      )}
      {open && (
        <Dialog title={t('password.title')} onClose={() => setOpen(false)}>
          <ChangePasswordForm
            token={token}
            onChanged={() => {
              setOpen(false);
              setDone(true);
            }}
          />
        </Dialog>
      )}
    </>
  );
}
