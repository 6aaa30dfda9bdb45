import type { CustomerLanguage } from '@rinda/shared';
import type { ConnectionStatus } from '../connection/display-connection';
import { Bilingual } from './Bilingual';
import { Clock } from './Clock';

export function Header({ branchName, timeZone, status, languages }: { branchName: string; timeZone: string; status: ConnectionStatus; languages: CustomerLanguage[] }) {
  return (
    <header className="header">
      <h1 className="branch-name">{branchName}</h1>
      {status === 'offline' && (
        <span className="offline-mark" data-testid="offline-mark" role="status">
          <Bilingual k="offline" languages={languages} />
        </span>
      )}
      <Clock timeZone={timeZone} />
    </header>
  );
}
