/**
 * A loudspeaker with a cross, drawn as SVG: an emoji needs a colour-emoji font, which a hall PC often lacks
 * (it then shows an empty box). Takes the text colour, so it keeps the banner's contrast.
 */
export function SoundOffIcon() {
  return (
    <svg className="sound-off-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      <path d="M16 9l6 6M22 9l-6 6" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" fill="none" />
    </svg>
  );
}
