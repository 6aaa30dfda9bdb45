import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from './window-options';

describe('window options', () => {
  it('isolate the page from Node and sandbox it, whatever the role', () => {
    for (const role of ['kiosk', 'display'] as const) {
      const { webPreferences } = buildWindowOptions({ role, preloadPath: '/app/preload.cjs', production: true });
      expect(webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/app/preload.cjs',
      });
    }
  });

  it('open full screen in kiosk mode', () => {
    const options = buildWindowOptions({ role: 'kiosk', preloadPath: '/p', production: true });
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
  });

  it('turn devtools off in production and on in development', () => {
    expect(buildWindowOptions({ role: 'kiosk', preloadPath: '/p', production: true }).webPreferences.devTools).toBe(false);
    expect(buildWindowOptions({ role: 'kiosk', preloadPath: '/p', production: false }).webPreferences.devTools).toBe(true);
  });

  it('let only a display autoplay audio', () => {
    expect(buildWindowOptions({ role: 'display', preloadPath: '/p', production: true }).webPreferences.autoplayPolicy).toBe('no-user-gesture-required');
    expect(buildWindowOptions({ role: 'kiosk', preloadPath: '/p', production: true }).webPreferences.autoplayPolicy).toBe('user-gesture-required');
  });
});
