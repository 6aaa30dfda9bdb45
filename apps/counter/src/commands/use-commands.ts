import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandName } from '@rinda/shared';
import type { BranchConnection, CommandInput } from '../connection/branch-connection';
import { describeFailure } from './describe-failure';

export interface Commands<A extends string> {
  /** The action waiting for its ack; while set, no other command goes out. */
  pending: A | null;
  error: string | null;
  clearError: () => void;
  run: <K extends CommandName>(action: A, name: K, input: CommandInput<K>) => Promise<boolean>;
}

/**
 * Sends one command at a time and waits for its ack. A second click while one is pending sends
 * nothing (the ref guards even before React re-renders the disabled buttons).
 */
export function useCommands<A extends string>(connection: BranchConnection): Commands<A> {
  const { t } = useTranslation();
  const [pending, setPending] = useState<A | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(
    async <K extends CommandName>(action: A, name: K, input: CommandInput<K>): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setPending(action);
      setError(null);
      const { result, timedOut } = await connection.send(name, input);
      inFlight.current = false;
      setPending(null);
      if (result.ok) return true;
      const counterId = 'counterId' in input ? String(input.counterId) : undefined;
      setError(describeFailure(t, result, timedOut, connection.getState().view, counterId));
      return false;
    },
    [connection, t],
  );

  return { pending, error, clearError: useCallback(() => setError(null), []), run };
}
