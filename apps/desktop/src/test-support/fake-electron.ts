import { EventEmitter } from 'node:events';

/**
 * The Electron binary cannot run here, so main.ts is loaded against this stand-in: it records what the shell
 * asks of Electron (windows, handlers, session hooks) and lets a test fire Electron's events back.
 */
export function createFakeElectron(appDataDir: string) {
  const appEvents = new EventEmitter();
  const ipcHandlers = new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>>();
  const windows: FakeBrowserWindow[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const exits: number[] = [];
  const sessionHooks: {
    onHeadersReceived?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void;
    permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string; mediaTypes?: string[] }) => void;
    permissionCheck?: (contents: unknown, permission: string, requestingOrigin: string, details: { mediaType?: string }) => boolean;
    certificateVerify?: (request: { hostname: string; certificate: { data: string } }, callback: (result: number) => void) => void;
  } = {};

  class FakeWebContents extends EventEmitter {
    readonly loadedUrls: string[] = [];
    crashedByShell = 0;
    windowOpenHandler?: (details: { url: string }) => { action: string };
    loadURL(url: string) {
      this.loadedUrls.push(url);
      return Promise.resolve();
    }
    forcefullyCrashRenderer() {
      this.crashedByShell++;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
  }

  const module = {
    app: {
      isPackaged: true,
      getPath: (name: string) => {
        if (name !== 'appData') throw new Error(`unexpected app.getPath(${name})`);
        return appDataDir;
      },
      getVersion: () => '0.1.0-test',
      on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
      whenReady: () => Promise.resolve(),
      quit: () => undefined,
      exit: (code: number) => exits.push(code),
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: (title: string, content: string) => errorBoxes.push({ title, content }) },
    ipcMain: { handle: (channel: string, handler: (typeof ipcHandlers extends Map<string, infer H> ? H : never)) => ipcHandlers.set(channel, handler) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: NonNullable<typeof sessionHooks.onHeadersReceived>) => (sessionHooks.onHeadersReceived = fn) },
        setPermissionRequestHandler: (fn: NonNullable<typeof sessionHooks.permissionRequest>) => (sessionHooks.permissionRequest = fn),
        setPermissionCheckHandler: (fn: NonNullable<typeof sessionHooks.permissionCheck>) => (sessionHooks.permissionCheck = fn),
        setCertificateVerifyProc: (fn: NonNullable<typeof sessionHooks.certificateVerify>) => (sessionHooks.certificateVerify = fn),
      },
    },
  };

  return { module, windows, ipcHandlers, sessionHooks, errorBoxes, exits, createWebContents: () => new FakeWebContents(), appEvents };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
