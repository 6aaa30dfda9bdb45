// The manager's session token lives in sessionStorage: it ends with the tab and never appears in a URL.
const KEY = 'rinda.manager.session';

export const sessionToken = {
  read: (): string | null => sessionStorage.getItem(KEY),
  save: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};
