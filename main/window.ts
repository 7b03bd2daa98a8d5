import { BrowserWindow, session } from 'electron';
import { originOf } from './app-protocol';
import { withContentSecurityPolicy } from './content-security-policy';
import { permissionAllowed } from './permissions';

export type MainWindowOptions = {
  preloadPath: string;
  /** What the window loads: app://nolapse/index.html, or electron-vite's dev server. */
  url: string;
  /** The origin the page runs on; only it gets a permission (see permissions.ts). */
  origin: string;
  contentSecurityPolicy: string;
  /** False in an installed app: no DevTools at all. */
  devTools: boolean;
  iconPath: string;
  /** When false, the close button hides the window to the tray. */
  isQuitting: () => boolean;
  startHidden: boolean;
};

let mainWindow: BrowserWindow | null = null;

/** The session's rules for every page: our CSP on every response, no permission but ours. */
function lockDownSession(options: MainWindowOptions): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: withContentSecurityPolicy(
        details.responseHeaders,
        options.contentSecurityPolicy,
      ),
    });
  });
  ses.setPermissionRequestHandler((webContents, permission, callback, details) =>
    callback(
      permissionAllowed(permission, details.requestingUrl ?? webContents.getURL(), options.origin),
    ),
  );
  ses.setPermissionCheckHandler((webContents, permission, requestingOrigin) =>
    permissionAllowed(permission, webContents?.getURL() || requestingOrigin, options.origin),
  );
}

/** The one app window, created once and kept alive while hidden so reminders keep firing. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) return mainWindow;
  lockDownSession(options);

  const window = new BrowserWindow({
    title: 'NoLapse',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    icon: options.iconPath,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: options.devTools,
      // A middle click would open a link in a new window; the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
      backgroundThrottling: false,
    },
  });
  mainWindow = window;

  window.once('ready-to-show', () => {
    if (!options.startHidden) window.show();
  });
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  // The app is one page with hash routes: the main frame may only load our own page again
  // (location.reload() after removing local data); every other navigation is refused.
  const ownPage = (url: string) => originOf(url) === options.origin;
  window.webContents.on('will-navigate', (event) => {
    if (!ownPage(event.url)) event.preventDefault();
  });
  window.webContents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !ownPage(event.url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  void window.loadURL(options.url);
  return window;
}

/** Shows, restores and focuses the window (tray Open, notification click, second instance). */
export function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Closes the window to the tray, as its close button does. */
export function hideMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.hide();
}

export function getMainWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}
