import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { pino } from 'pino';
import { ACCEPT_CERTIFICATE, createCertificatePin, type CertificatePin } from './certificate-pin';
import { buildCsp, withCsp } from './csp';
import { createIpcHandlers } from './ipc-handlers';
import { isAllowedNavigation } from './navigation-guard';
import { isPermissionGranted } from './permission-policy';
import { createPrintBridge } from './print-bridge';
import { createPrintedTicketLedger } from './printed-ticket-ledger';
import { createRecoveryPolicy } from './recovery';
import { loadShellConfig, resolveConfigPath, type ShellConfig } from './shell-config';
import { createShellPrinter } from './shell-printer';
import { buildStartUrl } from './start-url';
import { buildWindowOptions } from './window-options';

// Only wiring lives here: every decision is a pure module beside this file, tested in plain Node.
const log = pino({ name: 'rinda-shell', level: process.env.RINDA_SHELL_LOG_LEVEL ?? 'info' });

function start(): void {
  const configPath = resolveConfigPath(process.env, app.getPath('appData'));
  const config = loadShellConfig(configPath);
  const production = app.isPackaged;
  const startUrl = buildStartUrl(config.server, config.role, config.deviceToken, config.headsetOutput);
  log.info({ role: config.role, server: config.server, printer: config.printer, production }, 'shell starting');

  const pin = createCertificatePin(config.server, config.serverFingerprint);
  lockDownSession(config, pin);
  // A certificate Chromium refused: trusted only when it is the pinned one (the verify procedure already says so).
  app.on('certificate-error', (event, _contents, url, _error, certificate, callback) => {
    event.preventDefault();
    callback(pin.trusts(url, certificate));
  });
  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (isAllowedNavigation(url, config.server)) return;
      event.preventDefault();
      log.warn({ url }, 'blocked navigation away from the branch server');
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log.warn({ url }, 'denied a new window');
      return { action: 'deny' };
    });
  });

  const bridge = createPrintBridge({ printer: createShellPrinter(config), ledger: createPrintedTicketLedger(), log });
  const handlers = createIpcHandlers({
    serverOrigin: config.server,
    bridge,
    deviceInfo: { role: config.role, serverUrl: config.server, version: app.getVersion(), hasPrinter: config.printer !== 'none' },
    onUntrustedSender: (channel, senderFrameUrl) => log.warn({ channel, senderFrameUrl }, 'refused IPC from a page outside the branch server'),
  });
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => handler(event.senderFrame?.url, args));
  }

  const window = new BrowserWindow(buildWindowOptions({ role: config.role, preloadPath: join(__dirname, 'preload.cjs'), production }));
  const contents = window.webContents;
  const recovery = createRecoveryPolicy({
    scheduler: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    now: Date.now,
    hangTimeoutMs: config.hangReloadAfterSec * 1000,
    restart: (reason) => {
      log.warn({ reason }, 'restarting the renderer at the start screen');
      // A hung renderer cannot run a reload itself; a fresh process loads the start screen.
      if (reason === 'hang') contents.forcefullyCrashRenderer();
      void contents.loadURL(startUrl);
    },
  });
  contents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone');
    recovery.onRendererGone();
  });
  window.on('unresponsive', () => recovery.onUnresponsive());
  window.on('responsive', () => recovery.onResponsive());
  contents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (!isMainFrame) return;
    log.warn({ errorCode, errorDescription }, 'start screen did not load');
    recovery.onLoadFailed();
  });
  window.on('closed', () => recovery.dispose());
  void contents.loadURL(startUrl);
}

function lockDownSession(config: ShellConfig, pin: CertificatePin): void {
  const ses = session.defaultSession;
  ses.setCertificateVerifyProc((request, callback) => {
    const decision = pin.verify(request);
    if (decision.result !== ACCEPT_CERTIFICATE)
      log.error({ hostname: request.hostname, presented: decision.presented, pinned: config.serverFingerprint, reason: decision.reason }, 'refused the server certificate');
    callback(decision.result);
  });
  const csp = buildCsp(config.server);
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, csp) }));
  const scope = { role: config.role, serverOrigin: config.server, hasHeadset: config.headsetOutput !== undefined };
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted({ permission, kind: 'request', from: details?.requestingUrl, mediaTypes: (details as { mediaTypes?: string[] } | undefined)?.mediaTypes ?? [] }, scope)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, kind: 'check', from: requestingOrigin, mediaTypes: details?.mediaType ? [details.mediaType] : [] }, scope),
  );
}

app.on('window-all-closed', () => app.quit());
app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'shell cannot start');
    dialog.showErrorBox('Rinda cannot start', (error as Error).message);
    app.exit(1);
  });
