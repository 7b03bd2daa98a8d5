import { BrowserWindow, session } from 'electron';
import { contentSecurityPolicy, withContentSecurityPolicy } from './content-security-policy';

export type MainWindowOptions = {
  preloadPath: string;
  rendererFile: string;
  /** Set by electron-vite in development. */
  devServerUrl: string | undefined;
  iconPath: string;
  /** When false, the close button hides the window to the tray. */
  isQuitting: () => boolean;
  startHidden: boolean;
};

let mainWindow: BrowserWindow | null = null;

/** The one app window, created once and kept alive while hidden so reminders keep firing. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) return mainWindow;

  const policy = contentSecurityPolicy({ devServer: options.devServerUrl !== undefined });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  );

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
      webSecurity: true,
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
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(options.rendererFile);
  return window;
}

/** Shows, restores and focuses the window (tray Open, notification click, second instance). */
export function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

export function getMainWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}
