import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, Menu, powerMonitor, protocol } from 'electron';
import iconPath from '../build/icon.png?asset';
import type { BadgeCounts, EventChannel, PauseReminders, SchedulerTick } from '../shared/ipc';
import { SchedulerClock, systemTimeZone, type ClockTimers } from '../shared/time';
import { applicationMenuTemplate } from './app-menu';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  originOf,
} from './app-protocol';
import { BackupFolder } from './backup-files';
import { contentSecurityPolicy } from './content-security-policy';
import { registerIpcHandlers } from './ipc';
import { trustedSender } from './ipc-validation';
import { launchOptions } from './launch-options';
import { createNotifier } from './notifications';
import { PauseController } from './pause-controller';
import { postJson } from './post-json';
import { QuitGuard } from './quit-guard';
import { RendererRecovery } from './renderer-recovery';
import { createAppTray, type AppTray } from './tray';
import { createMainWindow, getMainWindow, hideMainWindow, showMainWindow } from './window';

/** Default daily refresh time until the renderer sends the office setting. */
const DEFAULT_DAILY_REFRESH_TIME = '07:00';
const HIDDEN_ARG = '--hidden';
/** The installer's appId: Windows shows toasts only for an app with this id on its shortcut. */
const APP_USER_MODEL_ID = 'app.nolapse.desktop';
const here = fileURLToPath(new URL('.', import.meta.url));

// An installed app takes no development switches; see launch-options.ts.
const launch = launchOptions(app.isPackaged, process.env);
for (const ignored of launch.ignored) console.warn(`NoLapse ignored ${ignored}.`);
// Before anything reads userData (the single-instance lock lives there), so tests get a fresh profile.
if (launch.userDataDir) app.setPath('userData', launch.userDataDir);

/** What the window loads and the one origin its IPC and permissions are trusted from. */
const pageUrl = launch.devServerUrl ?? APP_ENTRY_URL;
const pageOrigin = (launch.devServerUrl && originOf(launch.devServerUrl)) ?? APP_ORIGIN;

let quitting = false;
/** The office time zone once the renderer sends it; the system's until then. */
let officeTimeZone = systemTimeZone();
const officeZone = () => officeTimeZone;
const timers: ClockTimers = {
  now: () => new Date().toISOString(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
let tray: AppTray | null = null;

const quitGuard = new QuitGuard({
  timers,
  proceed: () => app.quit(),
  onChange: (quitWait) => tray?.update({ quitWait }),
});

function send(channel: 'tick', payload: SchedulerTick): void;
function send(channel: 'navigate', payload: string): void;
function send(channel: 'pauseChanged', payload: PauseReminders): void;
function send(channel: EventChannel, payload: unknown): void {
  getMainWindow()?.webContents.send(channel, payload);
}

/** Registers start at login once, so a user who later turns it off in the OS keeps it off. */
function enableStartAtLoginOnce(): void {
  // Only the installed app: registering a development Electron binary would start the wrong thing.
  if (!app.isPackaged || process.platform === 'linux') return;
  const marker = join(app.getPath('userData'), 'start-at-login-configured');
  if (existsSync(marker)) return;
  app.setLoginItemSettings({ openAtLogin: true, args: [HIDDEN_ARG] });
  mkdirSync(app.getPath('userData'), { recursive: true });
  writeFileSync(marker, new Date().toISOString());
}

function startedAtLogin(): boolean {
  return (
    process.argv.includes(HIDDEN_ARG) ||
    (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin)
  );
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // app:// must be a standard, secure scheme before the app is ready (see app-protocol.ts).
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } },
  ]);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  app.on('second-instance', () => showMainWindow());
  // The window hides instead of closing, so only an explicit Quit ends the app; a Quit while a
  // job runs waits for it (up to a limit, or until Quit is chosen again).
  app.on('before-quit', (event) => {
    if (quitGuard.beforeQuit() === 'wait') {
      event.preventDefault();
      return;
    }
    quitting = true;
  });
  app.on('window-all-closed', () => {});
  app.on('activate', () => showMainWindow());

  void app.whenReady().then(() => {
    enableStartAtLoginOnce();
    const policy = contentSecurityPolicy({ devServer: launch.devServerUrl !== null });
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rootDir: join(here, '../renderer'),
        contentSecurityPolicy: policy,
      }),
    );
    // An installed app has no Reload or DevTools menu items; development keeps Electron's menu.
    if (app.isPackaged)
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          applicationMenuTemplate({ platform: process.platform, hide: hideMainWindow }),
        ),
      );

    let badge: BadgeCounts = { mine: 0, office: 0 };
    const userData = app.getPath('userData');
    const backups = new BackupFolder({
      folder: join(userData, 'backups'),
      settingsFile: join(userData, 'backup-settings.json'),
      now: timers.now,
    });

    const clock = new SchedulerClock({
      dailyTime: DEFAULT_DAILY_REFRESH_TIME,
      timeZone: officeZone,
      timers,
      onTick: (tick) => send('tick', tick),
    });
    const pause = new PauseController({
      timeZone: officeZone,
      timers,
      onChange: (state, pausedUntil) => {
        tray?.update({ pausedUntil });
        send('pauseChanged', state);
      },
    });
    const recovery = new RendererRecovery({
      timers,
      restart: () => void getMainWindow()?.loadURL(pageUrl),
      killHungPage: () => getMainWindow()?.webContents.forcefullyCrashRenderer(),
      isBusy: () => quitGuard.running,
      onChange: (status) => tray?.update({ recovery: status }),
    });
    const openRoute = (route: string) => {
      showMainWindow();
      send('navigate', route);
    };
    const notifier = createNotifier({
      isPaused: () => pause.isPaused(),
      iconPath,
      open: openRoute,
    });

    const window = createMainWindow({
      preloadPath: join(here, '../preload/index.cjs'),
      url: pageUrl,
      origin: pageOrigin,
      contentSecurityPolicy: policy,
      devTools: launch.devTools,
      iconPath,
      isQuitting: () => quitting,
      startHidden: startedAtLogin(),
    });

    registerIpcHandlers(
      {
        info: () => ({ kind: 'electron', hasTray: true }),
        notify: (request) => notifier.notify(request),
        // The dock badge is the person's; the office's count is in the tray menu.
        setBadge: (counts) => {
          badge = counts;
          app.setBadgeCount(counts.mine);
          tray?.update(badge);
        },
        setDailyRefreshTime: (time) => clock.setDailyTime(time),
        setOfficeTimeZone: (timeZone) => {
          if (timeZone === officeTimeZone) return;
          officeTimeZone = timeZone;
          clock.timeZoneChanged();
        },
        postWebhook: (request) => postJson(request),
        // The renderer's earliest pending auto-renewal trigger: the clock ticks at it.
        wakeAt: (at) => clock.wakeAt(at),
        setJobRunning: (running) => quitGuard.setJobRunning(running),
        writeDailyBackup: (request) => backups.write(request),
        backupStatus: () => backups.status(),
        setBackupsKept: (count) => backups.setKeep(count),
      },
      trustedSender({
        windowId: () => getMainWindow()?.webContents.id ?? null,
        origins: () => [pageOrigin],
      }),
    );

    tray = createAppTray({
      iconPath,
      timeZone: officeZone,
      actions: {
        open: () => showMainWindow(),
        openQueue: () => openRoute('/queue'),
        refreshNow: () => clock.tickNow('manual'),
        pause: (choice) => pause.pause(choice),
        resumeReminders: () => pause.resume(),
        quit: () => app.quit(),
      },
    });
    tray.update({ ...badge, pausedUntil: pause.pausedUntil, recovery: recovery.status });

    // A page that crashes or hangs is restarted (with backoff, see renderer-recovery.ts); the
    // job it was running is no longer running, and its next start-up tick finishes it.
    window.webContents.on('render-process-gone', (_event, details) => {
      quitGuard.pageGone();
      if (quitting || details.reason === 'clean-exit') return;
      recovery.gone(details.reason);
    });
    window.on('unresponsive', () => recovery.unresponsive());
    window.on('responsive', () => recovery.responsive());
    window.webContents.on('did-start-loading', () => quitGuard.pageGone());
    // The preload buffers events until the renderer subscribes, so ticking once the page has
    // loaded is enough; a reloaded page gets a fresh start-up tick.
    window.webContents.on('did-finish-load', () => {
      recovery.loaded();
      send('pauseChanged', pause.state());
      if (clock.running) clock.tickNow('startup');
      else clock.start();
    });
    powerMonitor.on('resume', () => clock.resume());
    app.on('will-quit', () => {
      clock.stop();
      pause.dispose();
      recovery.dispose();
      quitGuard.dispose();
      tray?.destroy();
    });
  });
}

main();
