import type { CustomerLanguage } from '@rinda/shared';
import { Bilingual } from './Bilingual';
import { SoundOffIcon } from './SoundOffIcon';

/**
 * Shown while the browser refuses to play sound; a click is the gesture that allows it. It takes its own row of
 * the screen's grid, under the waiting counts' strip, so it covers nothing.
 */
export function SoundBanner({ onEnable, languages }: { onEnable: () => void; languages: CustomerLanguage[] }) {
  return (
    <button type="button" className="sound-banner" data-testid="sound-banner" onClick={onEnable}>
      <SoundOffIcon />
      <Bilingual k="enableSound" languages={languages} />
    </button>
  );
}
