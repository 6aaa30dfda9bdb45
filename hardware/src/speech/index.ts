export { announcementPhrases, briefAnnouncementPhrase } from './announcement-phrases';
export { chimeWav } from './chime';
export { detectEspeak } from './espeak-engine';
export type { SpeechEngine } from './speech-engine';
export { DEFAULT_SPEECH_CACHE_BYTES } from './cache-budget';
export type { SpeechPriority } from './render-queue';
export { createSynthesizer, SynthesisAbandoned, type Synthesizer } from './synthesizer';
