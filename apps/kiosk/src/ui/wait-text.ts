import { waitWording, type WaitRange } from '@rinda/shared';

/**
 * The translation key and values that say a wait, for the kiosk and the status page: a group of keys (`range`,
 * `under`, `noCounter`) per place, all from the shared wording rule, so every screen says the same thing.
 */
export function waitText(wait: WaitRange | null, keys: { range: string; under: string; noCounter: string }): [string, Record<string, number>] {
  const said = waitWording(wait);
  switch (said.kind) {
    case 'noCounter':
      return [keys.noCounter, {}];
    case 'under':
      return [keys.under, { atMost: said.atMostMin }];
    case 'range':
      return [keys.range, { typical: said.typicalMin, atMost: said.atMostMin }];
  }
}
