import type { CallView, CustomerLanguage } from '@rinda/shared';
import { Bilingual } from './Bilingual';

export function CallHistory({ calls, languages }: { calls: CallView[]; languages: CustomerLanguage[] }) {
  return (
    <section className="history">
      <h2 className="history-heading">
        <Bilingual k="previousCalls" languages={languages} />
      </h2>
      <ol className="history-rows">
        {calls.map((call) => (
          <li key={call.callId} className="history-row" data-testid="history-call">
            <span className="history-number">{call.displayNumber}</span>
            <span className="call-arrow" aria-hidden="true">
              →
            </span>
            <span className="history-counter">{call.counterNumber}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
