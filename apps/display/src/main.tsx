import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { DEFAULT_ANNOUNCEMENT_POLICY } from '@rinda/shared';
import { PairingScreen } from '@rinda/shared/ui/pairing';
import { fetchAnnouncement } from './announcements/announcement-source';
import { AudioPlayer } from './announcements/audio-player';
import { PlayQueue, type PlayLogEntry } from './announcements/play-queue';
import { App } from './components/App';
import { DisplayConnection } from './connection/display-connection';
import { takeDeviceToken } from './connection/device-token';
import { setupDisplayI18n } from './i18n/setup-i18n';
import './styles/display.css';

declare global {
  interface Window {
    /** What the play queue played and when: read by end-to-end tests and when diagnosing a display. */
    __rindaPlayLog?: PlayLogEntry[];
  }
}

/** The live lobby screen: one socket, one play queue. */
function startDisplay(token: string) {
  // The queue exists before the connection so the first broadcast's call has somewhere to go; repeatCount is read per call.
  const queue: PlayQueue = new PlayQueue({
    player: new AudioPlayer(),
    fetchAnnouncement: (callId) => fetchAnnouncement(callId, token, connection.whileConnected()),
    repeatCount: () => connection.getState().view?.config.display.repeatCount ?? 1,
    policy: () => connection.getState().view?.config.display.announcementPolicy ?? DEFAULT_ANNOUNCEMENT_POLICY,
  });
  const connection = new DisplayConnection(token, (call) => queue.enqueue(call));
  window.__rindaPlayLog = queue.log;
  void queue.checkSound();
  return <App connection={connection} queue={queue} />;
}

// A screen never given a token pairs first (and connects to nothing until it has one).
const token = takeDeviceToken();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={setupDisplayI18n()}>{token ? startDisplay(token) : <PairingScreen kind="display" />}</I18nextProvider>
  </StrictMode>,
);
