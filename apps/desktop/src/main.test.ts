import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualPrinter } from '@rinda/hardware';
import { demoBranchConfig } from '@rinda/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHELL_CHANNELS } from './ipc-channels';
import { CONFIG_PATH_ENV } from './shell-config';
import { createFakeElectron, type FakeElectron } from './test-support/fake-electron';
import { issuedTicket } from './test-support/issued-ticket';
import { testCertificate } from './test-support/test-certificate';

// main.ts is only wiring; this loads it against a stand-in for the Electron binary and checks that each pure
// decision (window options, guards, CSP, IPC sender check, recovery) is actually wired to Electron's hooks.
let fake: FakeElectron;
// Each test starts main.ts afresh against a new stand-in; the getters reach the current one.
vi.mock('electron', () => ({
  get app() {
    return fake.module.app;
  },
  get BrowserWindow() {
    return fake.module.BrowserWindow;
  },
  get dialog() {
    return fake.module.dialog;
  },
  get ipcMain() {
    return fake.module.ipcMain;
  },
  get session() {
    return fake.module.session;
  },
}));

const server = 'http://127.0.0.1:8080';
const token = 'a-device-token-of-128-bits-at-least';

async function startShell(config: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'rinda-shell-main-'));
  const path = join(dir, 'shell.json');
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  vi.stubEnv(CONFIG_PATH_ENV, path);
  vi.stubEnv('RINDA_SHELL_LOG_LEVEL', 'silent');
  fake = createFakeElectron(dir);
  vi.resetModules();
  await import('./main');
  // app.whenReady() resolves, then start() runs.
  await new Promise((resolve) => setImmediate(resolve));
  return fake;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const display = { role: 'display', server, deviceToken: token };
const kiosk = { role: 'kiosk', server, deviceToken: token, printer: 'tcp://127.0.0.1:1', paperWidthMm: 58 };

describe('main.ts wiring', () => {
  it('opens one locked-down full-screen window on the role start screen, token in the fragment', async () => {
    const { windows } = await startShell(display);
    expect(windows).toHaveLength(1);
    const options = windows[0]!.options as { kiosk: boolean; webPreferences: Record<string, unknown> };
    expect(options.kiosk).toBe(true);
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, autoplayPolicy: 'no-user-gesture-required' });
    expect(String(options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(windows[0]!.webContents.loadedUrls).toEqual([`${server}/display/#token=${token}`]);
  });

  it('blocks navigation away from the server and denies new windows in every web contents', async () => {
    const electron = await startShell(display);
    const contents = electron.createWebContents();
    electron.appEvents.emit('web-contents-created', {}, contents);
    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.emit('will-navigate', event, url);
      return event.prevented;
    };
    expect(navigate(`${server}/display/`)).toBe(false);
    expect(navigate('http://127.0.0.1:8081/display/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: `${server}/display/` })).toEqual({ action: 'deny' });
  });

  it('adds the CSP to every response and refuses every permission', async () => {
    const { sessionHooks } = await startShell(display);
    let headers: Record<string, string[]> = {};
    sessionHooks.onHeadersReceived?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    let granted: boolean | undefined;
    sessionHooks.permissionRequest?.({}, 'media', (g) => (granted = g), { requestingUrl: `${server}/display/`, mediaTypes: ['audio'] });
    expect(granted).toBe(false);
    expect(sessionHooks.permissionCheck?.({}, 'geolocation', server, {})).toBe(false);
    expect(sessionHooks.permissionCheck?.({}, 'media', server, { mediaType: 'audio' })).toBe(false);
  });

  it("gives a kiosk with a headset its label in the start URL, and its page the names of its audio outputs, never the microphone", async () => {
    const { sessionHooks, windows } = await startShell({ ...kiosk, headsetOutput: 'USB Headset' });
    expect(windows[0]!.webContents.loadedUrls.at(-1)).toBe(`${server}/kiosk/#token=${token}&headset=USB%20Headset`);
    expect(sessionHooks.permissionCheck?.({}, 'media', server, { mediaType: 'audio' })).toBe(true);
    expect(sessionHooks.permissionCheck?.({}, 'media', 'http://127.0.0.1:8081', { mediaType: 'audio' })).toBe(false);
    let granted: boolean | undefined;
    sessionHooks.permissionRequest?.({}, 'media', (g) => (granted = g), { requestingUrl: `${server}/kiosk/`, mediaTypes: ['audio'] });
    expect(granted).toBe(false);
  });

  it('answers IPC only to frames of the branch server', async () => {
    const { ipcHandlers } = await startShell(kiosk);
    expect([...ipcHandlers.keys()].sort()).toEqual(Object.values(SHELL_CHANNELS).sort());
    const deviceInfo = ipcHandlers.get(SHELL_CHANNELS.deviceInfo)!;
    expect(await deviceInfo({ senderFrame: { url: `${server}/kiosk/#token=${token}` } })).toEqual({ role: 'kiosk', serverUrl: server, version: '0.1.0-test', hasPrinter: true });
    await expect(deviceInfo({ senderFrame: { url: 'http://evil.example/' } })).rejects.toThrow(/not the branch server/);
    await expect(deviceInfo({ senderFrame: null })).rejects.toThrow(/not the branch server/);
    // Nothing listens on port 1: the printer is offline, as a real network printer that is off would be.
    expect(await ipcHandlers.get(SHELL_CHANNELS.printerStatus)!({ senderFrame: { url: `${server}/kiosk/` } })).toBe('offline');
  });

  it('reloads the start screen within 10 s after a renderer crash', async () => {
    const { windows } = await startShell(display);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const contents = windows[0]!.webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    vi.advanceTimersByTime(10_000);
    expect(contents.loadedUrls).toEqual([`${server}/display/#token=${token}`, `${server}/display/#token=${token}`]);
  });

  it('does not print a ticket again from the reloaded renderer after a crash', async () => {
    const printer = await startVirtualPrinter({ port: 0, paperWidth: 58 });
    try {
      const { windows, ipcHandlers } = await startShell({ ...kiosk, printer: printer.printerUrl });
      const print = ipcHandlers.get(SHELL_CHANNELS.printTicket)!;
      const frame = { senderFrame: { url: `${server}/kiosk/` } };
      expect(await print(frame, issuedTicket('crash-test-ticket-0001'), demoBranchConfig)).toEqual({ ok: true });
      await printer.waitForTicket(1);

      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      windows[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      vi.advanceTimersByTime(10_000);
      vi.useRealTimers();
      expect(windows[0]!.webContents.loadedUrls).toHaveLength(2);

      expect(await print(frame, issuedTicket('crash-test-ticket-0001'), demoBranchConfig)).toEqual({ ok: false, reason: 'already-printed' });
      expect(printer.tickets()).toHaveLength(1);
    } finally {
      await printer.close();
    }
  });

  it('kills a renderer hung for the configured time and loads the start screen in a new one', async () => {
    const { windows } = await startShell({ ...display, hangReloadAfterSec: 3 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const window = windows[0]!;
    window.emit('unresponsive');
    vi.advanceTimersByTime(2_999);
    expect(window.webContents.crashedByShell).toBe(0);
    vi.advanceTimersByTime(1);
    expect(window.webContents.crashedByShell).toBe(1);
    window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(30_000);
    expect(window.webContents.loadedUrls).toHaveLength(2);
  });

  it('shows a clear error and exits on a bad config file, opening no window', async () => {
    const { windows, errorBoxes, exits } = await startShell({ role: 'kiosk', server: 'ftp://x', deviceToken: token });
    expect(windows).toEqual([]);
    expect(errorBoxes[0]?.content).toMatch(/invalid shell config[\s\S]*server/);
    expect(exits).toEqual([1]);
  });

  it('trusts the HTTPS server by the certificate it was paired with and refuses any other', async () => {
    const paired = await testCertificate('192.168.1.10');
    const impostor = await testCertificate('192.168.1.10');
    const electron = await startShell({ ...display, server: 'https://192.168.1.10:8443', serverFingerprint: paired.fingerprint });
    expect(electron.windows[0]!.webContents.loadedUrls).toEqual([`https://192.168.1.10:8443/display/#token=${token}`]);

    const verify = (hostname: string, pem: string) => {
      let result: number | undefined;
      electron.sessionHooks.certificateVerify?.({ hostname, certificate: { data: pem } }, (r) => (result = r));
      return result;
    };
    expect(verify('192.168.1.10', paired.pem)).toBe(0);
    expect(verify('192.168.1.10', impostor.pem)).toBe(-2);
    expect(verify('evil.example', paired.pem)).toBe(-2);

    // Chromium's own certificate errors: the default (refuse) is kept unless it is the pinned certificate.
    const certificateError = (url: string, pem: string) => {
      const outcome = { prevented: false, trusted: undefined as boolean | undefined };
      const event = { preventDefault: () => (outcome.prevented = true) };
      electron.appEvents.emit('certificate-error', event, {}, url, 'net::ERR_CERT_AUTHORITY_INVALID', { data: pem }, (trusted: boolean) => (outcome.trusted = trusted), true);
      return outcome;
    };
    expect(certificateError('https://192.168.1.10:8443/display/', impostor.pem)).toEqual({ prevented: true, trusted: false });
    expect(certificateError('https://192.168.1.10:8443/display/', paired.pem)).toEqual({ prevented: true, trusted: true });
  });

  it('refuses to start against an https:// server without the fingerprint it was paired with', async () => {
    const { windows, errorBoxes, exits } = await startShell({ ...display, server: 'https://192.168.1.10:8443' });
    expect(windows).toEqual([]);
    expect(errorBoxes[0]?.content).toMatch(/serverFingerprint: an https:\/\/ server needs serverFingerprint/);
    expect(exits).toEqual([1]);
  });
});
