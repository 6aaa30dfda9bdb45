import type { ShellRole } from '@rinda/shared';

/** The subset of Electron's BrowserWindowConstructorOptions the shell sets; main.ts passes it on unchanged. */
export interface ShellWindowOptions {
  kiosk: boolean;
  fullscreen: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    navigateOnDragDrop: false;
    spellcheck: false;
    devTools: boolean;
    autoplayPolicy: 'no-user-gesture-required' | 'user-gesture-required';
  };
}

/**
 * A locked-down, full-screen window: the page gets no Node, runs in Chromium's sandbox and its own JS world,
 * and can reach the main process only through the preload's rindaShell. DevTools only outside production.
 * A display plays announcements with nobody touching it, so only a display may autoplay audio.
 */
export function buildWindowOptions(input: { role: ShellRole; preloadPath: string; production: boolean }): ShellWindowOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !input.production,
      autoplayPolicy: input.role === 'display' ? 'no-user-gesture-required' : 'user-gesture-required',
    },
  };
}
