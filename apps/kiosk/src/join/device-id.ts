const KEY = 'rinda.join.device';

/**
 * This phone's own random id for the per-phone limit on remote tickets: made once and kept in the browser.
 * It names no person; clearing the browser's data makes a new one (the per-address limit and the proof of work
 * still bound what that buys).
 */
export function joinDeviceId(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
  const kept = storage.getItem(KEY);
  if (kept && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  storage.setItem(KEY, id);
  return id;
}
