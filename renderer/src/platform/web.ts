import type { BackupStatus, PlatformApi, SchedulerTick, Unsubscribe } from '../../../shared/ipc';
import { SchedulerClock, systemTimeZone, type ClockTimers } from '../../../shared/time';
import { postJson } from './post-json';

const timers: ClockTimers = {
  now: () => new Date().toISOString(),
  setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/**
 * Asks the browser to keep this site's data under storage pressure instead of evicting it
 * (the records live only in IndexedDB until a server or an export has them). Chromium grants
 * it silently to sites people use; the answer shows in Settings → Backups.
 */
function askPersistentStorage(): void {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  void navigator.storage.persist().catch(() => false);
}

async function webBackupStatus(): Promise<BackupStatus> {
  const persisted = navigator.storage?.persisted
    ? await navigator.storage.persisted().catch(() => null)
    : null;
  return {
    daily: false,
    folder: null,
    keep: 0,
    backups: [],
    lastFailure: null,
    persistentStorage: persisted,
  };
}

/**
 * Web mode: the Notification API instead of native toasts, the page title instead of a tray
 * badge, and the same scheduler clock as the desktop: a tick at start-up, daily at the office
 * time, at the next auto-renewal trigger, and a catch-up when the tab comes back after days
 * the timer could not fire.
 */
export function createWebPlatform(): PlatformApi {
  const navigateListeners = new Set<(route: string) => void>();
  const tickListeners = new Set<(tick: SchedulerTick) => void>();
  let timeZone = systemTimeZone();
  const clock = new SchedulerClock({
    dailyTime: '07:00',
    timeZone: () => timeZone,
    timers,
    onTick: (tick) => tickListeners.forEach((listener) => listener(tick)),
  });
  askPersistentStorage();
  const onVisible = () => {
    if (document.visibilityState === 'visible') clock.resume();
  };
  return {
    info: async () => ({ kind: 'web', hasTray: false }),
    async notify(n) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const toast = new Notification(n.title, { body: n.body, tag: n.id });
      toast.onclick = () => {
        window.focus();
        navigateListeners.forEach((l) => l(n.route));
      };
    },
    // The tab shows the person's count, as the tray badge does; the office's has no place here.
    async setBadge({ mine }) {
      document.title = mine > 0 ? `(${mine}) NoLapse` : 'NoLapse';
    },
    // In a browser the target must allow this page's origin (CORS).
    postWebhook: postJson,
    async setDailyRefreshTime(time) {
      clock.setDailyTime(time);
    },
    async wakeAt(at) {
      clock.wakeAt(at);
    },
    // A tab has no Quit to hold back and its runs are serialised by the Web Lock; a reload
    // mid-run is finished by the next run, so there is nothing to track.
    async setJobRunning() {},
    // A browser may not write files on its own: daily backups are the desktop's; Export works.
    async writeDailyBackup() {
      return {
        ok: false,
        message: 'The browser writes no daily backup; use Export in Settings → Backups.',
      };
    },
    backupStatus: webBackupStatus,
    setBackupsKept: webBackupStatus,
    async setOfficeTimeZone(zone) {
      if (zone === timeZone) return;
      timeZone = zone;
      clock.timeZoneChanged();
    },
    onTick(listener: (tick: SchedulerTick) => void): Unsubscribe {
      tickListeners.add(listener);
      if (!clock.running) {
        // Start after the subscriber is in place, as the preload buffers ticks in Electron.
        window.setTimeout(() => {
          clock.start();
          document.addEventListener('visibilitychange', onVisible);
        }, 0);
      }
      return () => {
        tickListeners.delete(listener);
        if (tickListeners.size === 0) {
          clock.stop();
          document.removeEventListener('visibilitychange', onVisible);
        }
      };
    },
    onNavigate(listener) {
      navigateListeners.add(listener);
      return () => navigateListeners.delete(listener);
    },
    onPauseChanged() {
      return () => undefined;
    },
  };
}
