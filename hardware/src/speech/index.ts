export { announcementPhrases } from './announcement-phrases';
export { chimeWav } from './chime';
export { detectEspeak } from './espeak-engine';
export type { SpeechEngine } from './speech-engine';
export { createSynthesizer, SynthesisAbandoned, type Synthesizer } from './synthesizer';
