import type { ActionId } from './counter-model';

/**
 * One key per action, shown on its button. Letters, not function keys, so no browser shortcut is
 * shadowed; pause and resume share P because only one of them is ever enabled.
 */
export const SHORTCUTS: Record<ActionId, string> = {
  callNext: 'N',
  callTicket: 'C',
  recall: 'R',
  start: 'S',
  finish: 'F',
  noShow: 'X',
  reactivate: 'A',
  transfer: 'T',
  pause: 'P',
  resume: 'P',
  signOut: 'Q',
};

/** The enabled action a key press means, if any. */
export function actionForKey(key: string, allowed: Record<ActionId, boolean>): ActionId | null {
  const upper = key.toUpperCase();
  const match = (Object.keys(SHORTCUTS) as ActionId[]).find((id) => SHORTCUTS[id] === upper && allowed[id]);
  return match ?? null;
}
