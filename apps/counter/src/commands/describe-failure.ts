import type { TFunction } from 'i18next';
import type { BranchSnapshot, Failure } from '@rinda/shared';

/**
 * A clear sentence for the teller. COUNTER_TAKEN names the holder from the live view when it knows
 * them, otherwise the server's own message (which names them too) is shown.
 */
export function describeFailure(t: TFunction, failure: Failure, timedOut: boolean, view: BranchSnapshot | null, counterId?: string): string {
  if (timedOut) return t('errors.timeout');
  const { code, message } = failure.error;
  if (code === 'COUNTER_TAKEN') {
    const holder = view?.counters.find((c) => c.counterId === counterId)?.tellerName;
    const counter = view?.config.counters.find((c) => c.id === counterId)?.name;
    return holder && counter ? t('errors.counterTakenBy', { counter, teller: holder }) : message;
  }
  return t(`errors.${code}`, { defaultValue: message });
}
