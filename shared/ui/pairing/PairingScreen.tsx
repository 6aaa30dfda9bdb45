import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pairDevice, type DeviceKind, type PairingIo, type PairingProgress } from '@rinda/shared';
import { managerPairingNames } from '@rinda/shared/i18n';
import './pairing.css';

const browserIo: PairingIo = {
  async post(path, body) {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Shown instead of a kiosk or display while it has no device token: the code a manager types in the
 * manager app. Once paired, the page reloads with the token in the fragment, where the app picks it up.
 * Texts: `pairing.*` of the app's default namespace (kiosk and display both have them); the manager app's own
 * names for its Devices tab and pairing form are quoted from the manager's translations (managerPairingNames).
 */
export function PairingScreen({ kind }: { kind: DeviceKind }) {
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<PairingProgress | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let stopped = false;
    void pairDevice(kind, browserIo, setProgress, () => stopped).then((token) => {
      if (!token || stopped) return;
      window.location.hash = `token=${token}`;
      window.location.reload();
    });
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stopped = true;
      clearInterval(tick);
    };
  }, [kind]);

  return (
    <main className="pairing-screen">
      <h1>{t('pairing.title')}</h1>
      {progress?.step === 'code' ? (
        <>
          <p>{t('pairing.instructions', managerPairingNames(i18n.language))}</p>
          <p className="pairing-code" aria-live="polite" data-testid="pairing-code">
            {progress.code.slice(0, 4)} {progress.code.slice(4)}
          </p>
          <p>{t('pairing.expires', { minutes: Math.max(0, Math.ceil((progress.expiresAt - now) / 60_000)) })}</p>
        </>
      ) : (
        progress && <p role="status">{t('pairing.unreachable')}</p>
      )}
    </main>
  );
}
