/**
 * "You are called": a vibration and a short two-tone chime. Phones allow sound only after the page was
 * touched, so the audio context is unlocked by the first touch (see unlockSound).
 */
let context: AudioContext | null = null;

export function unlockSound(): boolean {
  try {
    context ??= new AudioContext();
    void context.resume();
    return true;
  } catch {
    return false;
  }
}

export function playCallCue(): void {
  navigator.vibrate?.([400, 150, 400, 150, 400]);
  if (!context) unlockSound();
  if (!context) return;
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.25, 660],
  ] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.4, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.22);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.25);
  }
}
