import { takeFragmentToken } from '@rinda/shared';

/** The display's device token: from `#token=…` on first load, then from localStorage. */
export const takeDeviceToken = (): string | null => takeFragmentToken(window, 'rinda.display.deviceToken');
