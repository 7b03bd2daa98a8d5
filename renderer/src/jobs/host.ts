import {
  BehaviorSubject,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  merge,
  Observable,
  switchMap,
  timer,
} from 'rxjs';
import { MAX_BACKUP_CHARS, type PlatformApi } from '../../../shared/ipc';
import {
  createJobs,
  inProcessLock,
  summaryLines,
  type DailySummary,
  nextDigestDue,
  type DevicePort,
  type LockPort,
} from '../../../shared/jobs';
import type { StorePort } from '../../../shared/jobs/store';
import { OFFICE_CONFIG_ID, type OfficeSettings } from '../../../shared/office';
import { nextWakeAt } from '../../../shared/policies/wake';
import {
  systemTimeZone,
  type Instant,
  type SchedulerTick,
  type TickReason,
} from '../../../shared/time';
import type { Data } from '../db/data';
import { useUi } from '../store/ui-store';
import { bindNow, type Bound } from './bind-now';

type Jobs = ReturnType<typeof createJobs>;
/** The operations screens dispatch; each happens at the instant it is called. */
export type BoundJobs = Bound<Omit<Jobs, 'runDaily'>>;

/** Across tabs and windows of one profile: the browser's Web Locks. */
export function webLock(): LockPort {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return inProcessLock();
  // Web Locks resolve with the callback's result; the cast undoes lib.dom's nested Promise type.
  return (name, task) =>
    locks.request(name, () => task()) as Promise<Awaited<ReturnType<typeof task>>>;
}

/** How many pending auto-renewals the wake looks at; ones a run could not move are skipped. */
const PENDING_LOOKAHEAD = 50;

/** Ids for records people create ('cus_…'), as the jobs' newId port wants them. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export type JobHost = {
  jobs: BoundJobs;
  /** Runs the daily job now, as the Refresh now button and the tray's menu do. */
  refresh(): Promise<DailySummary | null>;
  stop(): void;
};

/**
 * Builds the job runner once at start-up and feeds it the scheduler's ticks, outside React:
 * components render and dispatch, they never run jobs. One run at a time across tabs and
 * windows; a tick that arrives while one runs is run once after it, not in parallel.
 */
export function startJobHost(options: {
  store: StorePort;
  data: Data;
  platform: PlatformApi;
  now?: () => Instant;
  /** The office server's delivery ledger, when the device syncs with one (see DevicePort). */
  claim?: DevicePort['claim'];
  /** The snapshot the desktop keeps as the day's backup (see db/backup.ts). */
  dailyBackup?: (at: Instant) => Promise<{ text: string; records: number }>;
}): JobHost {
  const { store, data, platform } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const ui = useUi.getState;
  const jobs = createJobs({
    store,
    effects: {
      show: (notice) =>
        platform.notify({
          id: notice.id,
          title: notice.title,
          body: notice.body,
          route: notice.route,
        }),
      postWebhook: (call) => platform.postWebhook(call),
      paused: () => {
        const until = ui().pausedUntil;
        return until !== null && until > now();
      },
    },
    newId,
    lock: webLock(),
    defaultTimeZone: systemTimeZone(),
    // Who uses this device ("I am …", or the sync token's person) decides what it shows.
    device: { me: () => ui().me, ...(options.claim ? { claim: options.claim } : {}) },
  });

  /** Tells the platform whether a run (and the backup after it) is under way; Quit waits for it. */
  let reportedRunning = false;
  const jobRunning = (value: boolean) => {
    if (value === reportedRunning) return;
    reportedRunning = value;
    void platform.setJobRunning(value).catch(() => undefined);
  };

  /**
   * After the day's first run, the desktop keeps a backup of the whole database (one per office
   * day). An empty database is not backed up: days of empty backups would push out good ones.
   */
  async function backUpTheDay(today: string, at: Instant): Promise<void> {
    if (!options.dailyBackup) return;
    try {
      const status = await platform.backupStatus();
      if (!status.daily || status.backups.some((backup) => backup.day === today)) return;
      const { text, records } = await options.dailyBackup(at);
      if (records === 0) return;
      if (text.length > MAX_BACKUP_CHARS) {
        ui().toast(
          'error',
          `The daily backup of ${today} was not written: it is larger than ${MAX_BACKUP_CHARS / 1024 / 1024} MB. Export a backup from Settings → Backups instead.`,
        );
        return;
      }
      const written = await platform.writeDailyBackup({ day: today, snapshot: text });
      if (!written.ok) ui().toast('error', written.message);
    } catch (error) {
      ui().toast('error', `The daily backup of ${today} failed: ${(error as Error).message}`);
    }
  }

  let running: Promise<DailySummary | null> | null = null;
  let again: SchedulerTick | null = null;
  /** The instant of the last run this host finished: what it could do by then, it did. */
  const coveredUntil = new BehaviorSubject<Instant | null>(null);

  async function run(tick: SchedulerTick): Promise<DailySummary | null> {
    if (running) {
      // Coalesce: whatever arrives during a run is served by one more run after it, at the
      // latest instant that arrived, so a trigger's run carries the trigger's own instant.
      again = !again
        ? tick
        : {
            reason: tick.reason === 'manual' ? 'manual' : again.reason,
            at: tick.at > again.at ? tick.at : again.at,
          };
      return running;
    }
    ui().setRefreshing(true);
    jobRunning(true);
    running = (async () => {
      try {
        performance.mark('nolapse:daily-run', { detail: tick.reason });
        const summary = await jobs.runDaily(tick);
        performance.mark('nolapse:daily-run-done', { detail: tick.reason });
        ui().setLastRefresh(summary);
        if (tick.reason === 'manual')
          ui().toast('info', `Refreshed: ${summaryLines(summary).join('; ')}.`);
        return summary;
      } catch (error) {
        ui().toast('error', `Refresh failed: ${(error as Error).message}`);
        return null;
      } finally {
        ui().setRefreshing(false);
      }
    })();
    const summary = await running;
    // Still "running" for ticks (they wait their turn) and for Quit, not for the Refresh button.
    if (summary) await backUpTheDay(summary.today, now());
    running = null;
    if (!coveredUntil.value || tick.at > coveredUntil.value) coveredUntil.next(tick.at);
    const next = again;
    again = null;
    if (next) void run(next);
    else jobRunning(false);
    return summary;
  }

  const subscriptions = [
    platform.onTick((tick) => void run(tick)),
    platform.onPauseChanged((pause) => ui().setPausedUntil(pause.until)),
  ];
  // Auto-renewal triggers fire at their instant, not at the next daily refresh: the platform's
  // clock wakes at the earliest pending one (live, so a new or edited trigger moves the wake),
  // or at the next digest due on this device, whichever comes first.
  const wake = combineLatest([
    data.autoRenewals.watchPending(PENDING_LOOKAHEAD),
    data.notifications.watchWaitingDigests(),
    coveredUntil,
  ])
    .pipe(
      map(([pending, waiting, covered]) => {
        const trigger = nextWakeAt(pending, covered);
        const digest = nextDigestDue(waiting, covered);
        return trigger && digest ? (trigger < digest ? trigger : digest) : (trigger ?? digest);
      }),
      distinctUntilChanged(),
    )
    .subscribe((at) => void platform.wakeAt(at));
  // The badge counts what is the device person's ("I am …", which a staff token sets), on
  // today in the office zone: read each minute and after each run, so it moves at midnight.
  const me = new Observable<string | null>((subscriber) => {
    subscriber.next(ui().me);
    return useUi.subscribe((state) => subscriber.next(state.me));
  }).pipe(distinctUntilChanged());
  const today = merge(timer(0, 60_000), coveredUntil).pipe(
    switchMap(() => jobs.today(now())),
    distinctUntilChanged(),
  );
  // Alerts recorded on other devices arrive by sync: deliver those meant for this device's
  // person soon after they arrive, not at the next daily run.
  const synced = data.events
    .inserted()
    .pipe(debounceTime(1_000))
    .subscribe(() => {
      if (!running) void jobs.notifications.deliverPending(now()).catch(() => undefined);
    });
  const badge = combineLatest([today, me])
    .pipe(
      switchMap(([day, person]) => data.renewals.watchBadge(day, person)),
      distinctUntilChanged((a, b) => a.mine === b.mine && a.office === b.office),
    )
    .subscribe((counts) => void platform.setBadge(counts));
  const office = data.config.watchValue<OfficeSettings>(OFFICE_CONFIG_ID).subscribe((settings) => {
    if (!settings) return;
    void platform.setOfficeTimeZone(settings.timeZone);
    void platform.setDailyRefreshTime(settings.dailyRefreshTime);
  });

  const { runDaily: _runDaily, ...operations } = jobs;
  return {
    jobs: bindNow(operations, now),
    refresh: () => run({ reason: 'manual' satisfies TickReason, at: now() }),
    stop() {
      subscriptions.forEach((unsubscribe) => unsubscribe());
      badge.unsubscribe();
      wake.unsubscribe();
      synced.unsubscribe();
      office.unsubscribe();
    },
  };
}
