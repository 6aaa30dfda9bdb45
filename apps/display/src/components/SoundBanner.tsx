import type { CustomerLanguage } from '@rinda/shared';
import { Bilingual } from './Bilingual';

/** Shown while the browser refuses to play sound; a click is the gesture that allows it. */
export function SoundBanner({ onEnable, languages }: { onEnable: () => void; languages: CustomerLanguage[] }) {
  return (
    <button type="button" className="sound-banner" data-testid="sound-banner" onClick={onEnable}>
      <span aria-hidden="true">🔇</span>
      <Bilingual k="enableSound" languages={languages} />
    </button>
  );
}
