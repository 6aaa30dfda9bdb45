import { useTranslation } from 'react-i18next';
import type { BranchSnapshot, StaffLanguage } from '@rinda/shared';
import type { BranchConnection } from '../connection/branch-connection';
import { useCommands } from '../commands/use-commands';
import { ErrorBanner } from './ErrorBanner';

/** Choose a counter: each card says whether it is free or who holds it. */
export function CounterPicker({ connection, view, online }: { connection: BranchConnection; view: BranchSnapshot; online: boolean }) {
  const { t, i18n } = useTranslation();
  const commands = useCommands<string>(connection);
  const lang = i18n.language as StaffLanguage;

  return (
    <main className="picker">
      <h1>{t('picker.title')}</h1>
      <ErrorBanner message={commands.error} onDismiss={commands.clearError} />
      <ul className="counter-cards">
        {view.config.counters.map((counter) => {
          const status = view.counters.find((c) => c.counterId === counter.id);
          const holder = status && status.state !== 'closed' ? (status.tellerName ?? t('picker.someone')) : null;
          const pending = commands.pending === counter.id;
          return (
            <li key={counter.id}>
              <button
                type="button"
                className={`counter-card ${holder ? 'taken' : 'free'}`}
                disabled={!online || commands.pending !== null}
                aria-busy={pending}
                onClick={() => void commands.run(counter.id, 'counter:signIn', { counterId: counter.id })}
              >
                <span className="counter-card-name">{counter.name}</span>
                <span className="counter-card-services">
                  {counter.serviceIds
                    .map((id) => view.config.services.find((s) => s.id === id)?.names[lang] ?? id)
                    .join(' · ')}
                </span>
                <span className="counter-card-state">
                  {pending ? t('picker.signingIn') : holder ? t('picker.takenBy', { teller: holder }) : t('picker.free')}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
