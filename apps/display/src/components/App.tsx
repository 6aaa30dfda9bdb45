import { useSyncExternalStore } from 'react';
import type { BranchConfig, CustomerLanguage } from '@rinda/shared';
import type { PlayQueue } from '../announcements/play-queue';
import { boardOf } from '../board/board-model';
import type { DisplayConnection } from '../connection/display-connection';
import { PairingScreen } from '@rinda/shared/ui/pairing';
import { Bilingual } from './Bilingual';
import { CallHistory } from './CallHistory';
import { CurrentCalls } from './CurrentCalls';
import { Header } from './Header';
import { SoundBanner } from './SoundBanner';
import { WaitingCounts } from './WaitingCounts';

/** Before the first snapshot the branch's languages are unknown. */
const FALLBACK_LANGUAGES: CustomerLanguage[] = ['en'];

/** The screen speaks the hall's languages: the first two announcement languages label everything. */
function labelLanguages(config: BranchConfig | undefined): CustomerLanguage[] {
  return config ? config.branch.announcementLanguages.slice(0, 2) : FALLBACK_LANGUAGES;
}

export function App({ connection, queue }: { connection: DisplayConnection; queue: PlayQueue }) {
  const { status, view: snapshot, refusal } = useSyncExternalStore(connection.subscribe, connection.getState);
  const announcer = useSyncExternalStore(queue.subscribe, queue.getState);
  const languages = labelLanguages(snapshot?.config);
  const banner = announcer.soundBlocked && <SoundBanner languages={languages} onEnable={() => void queue.enableSound()} />;

  // An unknown or revoked token: show a pairing code so a manager can enrol this screen again.
  if (refusal?.code === 'UNAUTHENTICATED') return <PairingScreen kind="display" />;
  if (!snapshot)
    return (
      <div className="display waiting-for-server" data-status={status}>
        <p className="notice" data-testid="display-notice">
          <Bilingual k={refusal ? 'refused' : 'connecting'} languages={languages} />
        </p>
        {banner}
      </div>
    );

  const { config } = snapshot;
  const board = boardOf(snapshot);
  return (
    <div className="display" data-status={status} data-testid="display">
      <Header branchName={config.branch.name} timeZone={config.branch.timeZone} status={status} languages={languages} />
      <main className="board">
        <CurrentCalls calls={board.current} announcing={announcer.announcing} languages={languages} />
        <CallHistory calls={board.history} languages={languages} />
      </main>
      <WaitingCounts queues={snapshot.queues} services={config.services} languages={languages} />
      {banner}
    </div>
  );
}
