export { announcementLanguages, announcementPhrases, type AnnouncementPhrase } from './announcement-phrases';
export { chimeWav } from './chime';
export { detectEspeak } from './espeak-engine';
export type { EngineDetection, SpeechEngine } from './speech-engine';
export { createSynthesizer, type SynthesizedPhrase, type Synthesizer } from './synthesizer';
