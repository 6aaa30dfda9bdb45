import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unlockAudio } from '@rinda/shared/ui/audio';

/** Phones play sound only after a touch: one tap here makes the call chime audible. */
export function SoundToggle() {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  if (on) return <p className="status__hint">{t('sound.enabled')}</p>;
  return (
    <button type="button" className="status__sound" onClick={() => setOn(unlockAudio())}>
      {t('sound.enable')}
    </button>
  );
}
