import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for the phone's permission to notify (a browser asks only after a tap); hidden where there is none. */
export function NotificationsToggle() {
  const { t } = useTranslation();
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  if (!supported || permission === 'denied') return null;
  if (permission === 'granted') return <p className="status__hint">{t('alerts.enabled')}</p>;
  return (
    <button type="button" className="status__sound" onClick={() => void Notification.requestPermission().then(setPermission)}>
      {t('alerts.enable')}
    </button>
  );
}
