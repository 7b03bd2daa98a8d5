import type { PlatformApi, SchedulerTick, Unsubscribe } from '../../../shared/ipc';
import { wallTimeAt } from '../../../shared/zoned-time';
import { postJson } from './post-json';

/** How often web mode checks whether the office day has turned. */
const DAY_CHECK_MS = 60_000;

/**
 * Web mode: the Notification API instead of native toasts, the page title instead of a tray
 * badge, and a timer that ticks at start-up and whenever the local date changes.
 */
export function createWebPlatform(): PlatformApi {
  const navigateListeners = new Set<(route: string) => void>();
  let dailyTime = '07:00';
  let timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** The office's date and 'HH:MM' now. */
  const officeClock = () => {
    const wall = wallTimeAt(Date.now(), timeZone);
    const hhmm = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
    return { day: wall.date, hhmm };
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
    async setBadge(count) {
      document.title = count > 0 ? `(${count}) NoLapse` : 'NoLapse';
    },
    // In a browser the target must allow this page's origin (CORS).
    postWebhook: postJson,
    async setDailyRefreshTime(time) {
      dailyTime = time;
    },
    async setOfficeTimeZone(zone) {
      timeZone = zone;
    },
    onTick(listener: (tick: SchedulerTick) => void): Unsubscribe {
      const emit = (reason: SchedulerTick['reason']) =>
        listener({ reason, at: new Date().toISOString() });
      const startup = setTimeout(() => emit('startup'), 0);
      let lastDay = officeClock().day;
      let firedToday = false;
      const timer = setInterval(() => {
        const { day, hhmm } = officeClock();
        if (day !== lastDay) {
          lastDay = day;
          firedToday = false;
          emit('daily');
        } else if (!firedToday && hhmm >= dailyTime) {
          firedToday = true;
          emit('daily');
        }
      }, DAY_CHECK_MS);
      const onVisible = () => document.visibilityState === 'visible' && emit('resume');
      document.addEventListener('visibilitychange', onVisible);
      return () => {
        clearTimeout(startup);
        clearInterval(timer);
        document.removeEventListener('visibilitychange', onVisible);
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
