import { useState } from 'react';
import { z } from 'zod';
import { callApi, type ApiRequest } from '../api/http-api';

/** One admin change at a time, with its error shown beside the form and a note when it is saved. */
export function useAdminCall(token: string) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  async function run(path: string, init: Omit<ApiRequest, 'token'>): Promise<boolean> {
    setBusy(true);
    setSaved(false);
    const result = await callApi(path, z.unknown(), { ...init, token });
    setBusy(false);
    setError(result.ok ? null : result.message);
    setSaved(result.ok);
    return result.ok;
  }
  return { error, saved, busy, run };
}
