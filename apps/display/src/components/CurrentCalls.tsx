import type { CallView, CustomerLanguage } from '@rinda/shared';
import type { AnnouncerState } from '../announcements/play-queue';
import { Bilingual } from './Bilingual';

/** The big rows: number → counter, the one being announced flashing (its key restarts the flash on a recall). */
export function CurrentCalls({ calls, announcing, languages }: { calls: CallView[]; announcing: AnnouncerState['announcing']; languages: CustomerLanguage[] }) {
  return (
    <section className="current" aria-live="polite">
      <div className="current-heading">
        <Bilingual k="number" languages={languages} />
        <Bilingual k="counter" languages={languages} />
      </div>
      {calls.length === 0 ? (
        <p className="no-calls">
          <Bilingual k="noCalls" languages={languages} />
        </p>
      ) : (
        <ol className="current-rows" style={{ gridTemplateRows: `repeat(${calls.length}, 1fr)` }}>
          {calls.map((call) => {
            const flashing = announcing?.ticketId === call.ticketId;
            return (
              <li key={flashing ? `${call.callId}-flash` : call.callId} className={flashing ? 'current-row flash' : 'current-row'} data-testid="current-call" data-call-id={call.callId} data-announcing={flashing || undefined}>
                <span className="call-number" data-testid="call-number">
                  {call.displayNumber}
                </span>
                <span className="call-arrow" aria-hidden="true">
                  →
                </span>
                <span className="call-counter" data-testid="call-counter">
                  {call.counterNumber}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
