import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route, RouteInput } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

/** One admin change at a time, with its error shown beside the form and a note when it is saved. */
export function useAdminCall(token: string) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  async function run<R extends Route>(route: R, request: RouteInput<R>): Promise<boolean> {
    setBusy(true);
    setSaved(false);
    const result = await callRoute(route, { ...request, token });
    setBusy(false);
    // A refused password gets the app's own words; the server's reason (too short, common...) follows them.
    setError(result.ok ? null : result.code === 'WEAK_PASSWORD' ? `${t('password.errors.WEAK_PASSWORD')} (${result.message})` : result.message);
    setSaved(result.ok);
    return result.ok;
  }
  return { error, saved, busy, run };
}
