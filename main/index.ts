import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, powerMonitor } from 'electron';
import iconPath from '../build/icon.png?asset';
import type { BadgeCounts, EventChannel, PauseReminders, SchedulerTick } from '../shared/ipc';
import { registerIpcHandlers } from './ipc';
import { postJson } from './post-json';
import { createNotifier } from './notifications';
import { PauseController } from './pause-controller';
import { SchedulerClock, systemTimeZone, type ClockTimers } from '../shared/time';
import { createAppTray, type AppTray } from './tray';
import { createMainWindow, getMainWindow, showMainWindow } from './window';

/** Default daily refresh time until the renderer sends the office setting. */
const DEFAULT_DAILY_REFRESH_TIME = '07:00';
const HIDDEN_ARG = '--hidden';
const here = fileURLToPath(new URL('.', import.meta.url));

// Before anything reads userData (the single-instance lock lives there), so tests get a fresh profile.
if (process.env.NOLAPSE_USER_DATA) app.setPath('userData', process.env.NOLAPSE_USER_DATA);

let quitting = false;
/** The office time zone once the renderer sends it; the system's until then. */
let officeTimeZone = systemTimeZone();
const officeZone = () => officeTimeZone;
const timers: ClockTimers = {
  now: () => new Date().toISOString(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

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
  app.on('second-instance', () => showMainWindow());
  // The window hides instead of closing, so only an explicit Quit ends the app.
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {});
  app.on('activate', () => showMainWindow());

  void app.whenReady().then(() => {
    enableStartAtLoginOnce();
    let tray: AppTray | null = null;
    let badge: BadgeCounts = { mine: 0, office: 0 };

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
        tray?.update({ ...badge, pausedUntil });
        send('pauseChanged', state);
      },
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
      rendererFile: join(here, '../renderer/index.html'),
      devServerUrl: process.env.ELECTRON_RENDERER_URL,
      iconPath,
      isQuitting: () => quitting,
      startHidden: startedAtLogin(),
    });
    const windowId = window.webContents.id;

    registerIpcHandlers(
      {
        info: () => ({ kind: 'electron', hasTray: true }),
        notify: (request) => notifier.notify(request),
        // The dock badge is the person's; the office's count is in the tray menu.
        setBadge: (counts) => {
          badge = counts;
          app.setBadgeCount(counts.mine);
          tray?.update({ ...badge, pausedUntil: pause.pausedUntil });
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
      },
      (senderId) => senderId === windowId,
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
        quit: () => {
          quitting = true;
          app.quit();
        },
      },
    });

    // The preload buffers events until the renderer subscribes, so ticking once the page has
    // loaded is enough; a reloaded page gets a fresh start-up tick.
    window.webContents.on('did-finish-load', () => {
      send('pauseChanged', pause.state());
      if (clock.running) clock.tickNow('startup');
      else clock.start();
    });
    powerMonitor.on('resume', () => clock.resume());
    app.on('will-quit', () => {
      clock.stop();
      pause.dispose();
      tray?.destroy();
    });
  });
}

main();
