import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PairDeviceRoute, RevokeDeviceRoute, SetPrinterProfileRoute, type BranchConfig, type DeviceView } from '@rinda/shared';
import { FormStatus } from './FormStatus';
import { ServerCertificate } from './ServerCertificate';
import { useAdminCall } from './use-admin-call';
import { ColumnHeads } from '../components/ColumnHeads';

const EMPTY_DRAFT = { code: '', name: '', printerUrl: '', counterId: '' };

/**
 * Enrolled kiosks, displays and counter rating screens (live from the snapshot), pairing a new one by its code (a
 * rating screen with its counter), revoking one, and which of the configuration's printer profiles a kiosk's printer has.
 */
export function DevicesScreen({
  token,
  devices,
  printerProfiles,
  counters,
}: {
  token: string;
  devices: DeviceView[];
  printerProfiles: string[];
  counters: Pick<BranchConfig['counters'][number], 'id' | 'name'>[];
}) {
  const { t } = useTranslation();
  const revoke = useAdminCall(token);
  const profile = useAdminCall(token);
  const pair = useAdminCall(token);
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  return (
    <div className="devices-screen">
      <h2>{t('devices.title')}</h2>
      <table>
        <ColumnHeads labels={['devices.name', 'devices.kind', 'devices.connection', 'devices.printer', 'devices.printerProfile', 'users.actions']} />
        <tbody>
          {devices.map((d) => (
            <tr key={d.id}>
              <td>{d.name}</td>
              <td>{d.ratingCounterId === null ? t(`deviceKinds.${d.kind}`) : t('devices.ratingScreenOf', { counter: counters.find((c) => c.id === d.ratingCounterId)?.name ?? d.ratingCounterId })}</td>
              <td>{d.revoked ? t('devices.revoked') : t(d.connected ? 'monitor.connected' : 'monitor.notConnected')}</td>
              <td>{t(`printer.${d.printer}`)}</td>
              <td>
                {d.kind === 'kiosk' && (
                  <select
                    aria-label={t('devices.printerProfileOf', { name: d.name })}
                    value={d.printerProfile}
                    disabled={profile.busy || d.revoked}
                    onChange={(e) => void profile.run(SetPrinterProfileRoute, { params: { id: d.id }, body: { printerProfile: e.target.value } })}
                  >
                    {[...new Set([...printerProfiles, d.printerProfile])].map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td>
                {!d.revoked && (
                  <button type="button" disabled={revoke.busy} onClick={() => { if (window.confirm(t('devices.confirmRevoke', { name: d.name }))) void revoke.run(RevokeDeviceRoute, { params: { id: d.id } }); }}>
                    {t('devices.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormStatus error={revoke.error ?? profile.error} saved={revoke.saved || profile.saved} />
      <ServerCertificate token={token} />
      <form
        className="card"
        aria-label={t('devices.pair')}
        onSubmit={(e) => {
          e.preventDefault();
          const body = { code: draft.code, name: draft.name, printerUrl: draft.printerUrl || null, ...(draft.counterId ? { counterId: draft.counterId } : {}) };
          void pair.run(PairDeviceRoute, { body }).then((ok) => ok && setDraft(EMPTY_DRAFT));
        }}
      >
        <h3>{t('devices.pair')}</h3>
        <p className="muted">{t('devices.pairHelp')}</p>
        <div className="fields">
          <label>{t('devices.code')}<input value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} required autoComplete="off" /></label>
          <label>{t('devices.name')}<input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required /></label>
          <label>{t('devices.printerUrl')}<input value={draft.printerUrl} onChange={(e) => setDraft({ ...draft, printerUrl: e.target.value })} placeholder="tcp://192.168.1.50:9100" /></label>
          <label>
            {t('devices.ratingCounter')}
            <select value={draft.counterId} onChange={(e) => setDraft({ ...draft, counterId: e.target.value })}>
              <option value="">{t('devices.noCounter')}</option>
              {counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FormStatus error={pair.error} saved={pair.saved} />
        <button type="submit" disabled={pair.busy}>{t('devices.pairButton')}</button>
      </form>
    </div>
  );
}
