import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { contextAt, readOffice } from '../../shared/jobs/context.js';
import { deliverEventNotices } from '../../shared/jobs/renewals.js';
import type { JobPorts } from '../../shared/jobs/ports.js';
import { createJobs, runDaily, type DailySummary } from '../../shared/jobs/runner.js';
import { SchedulerClock, type ClockTimers, type SchedulerTick } from '../../shared/time/index.js';
import type { Database } from '../db/database.js';
import { routeNotice } from '../reminders/route.js';
import { reminderSettingsOf } from '../reminders/settings.js';
import { sqlStore } from '../store/sql-store.js';
import { postWebhookFromServer } from './webhook.js';

/** Real timers on a clock that reads `now` (the system's, or a test's moved clock). */
export function timersOn(now: () => Date = () => new Date()): ClockTimers {
  return {
    now: () => now().toISOString(),
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

const systemTimers = timersOn();

/** How often the server looks for new offices and changed refresh times or zones. */
const SCAN_MS = 60_000;

/** The job ports of one office on the server: its SQL store, the database's lock, server HTTP. */
export function officePorts(db: Database, officeId: string, log?: FastifyBaseLogger): JobPorts {
  const ports: JobPorts = {
    store: sqlStore(db, officeId),
    effects: {
      // No tray on a server: notices reach people by email and webhooks, as each person chose.
      show: async (notice, at) => {
        const office = await readOffice(ports);
        const worker =
          notice.audience?.kind === 'worker'
            ? await ports.store.get('workers', notice.audience.workerId)
            : null;
        const queued = await routeNotice(db, reminderSettingsOf(db), {
          officeId,
          office,
          notice,
          at,
          worker,
        });
        log?.debug({ officeId, notice: notice.id, queued }, 'notice');
      },
      postWebhook: postWebhookFromServer,
    },
    newId: (prefix) => `${prefix}_${randomBytes(8).toString('hex')}`,
    lock: (name, task) => db.lock(`${officeId}:${name}`, task),
    defaultTimeZone: 'UTC',
  };
  return ports;
}

/** The operations of one office, each happening at the instant it is called with. */
export function officeJobs(db: Database, officeId: string, log?: FastifyBaseLogger) {
  return createJobs(officePorts(db, officeId, log));
}

/**
 * Runs every office's daily job at its refresh time in its zone, with the same runner and ids
 * as the desktops (so what the server and a desktop plan for one day converges to one set of
 * records), so reminders and tasks exist even when no desktop is open. One run per office at a
 * time, across every server instance on the database.
 */
export function startOfficeJobs(
  db: Database,
  log: FastifyBaseLogger,
  options: { timers?: ClockTimers; scanMs?: number } = {},
) {
  const timers = options.timers ?? systemTimers;
  const clocks = new Map<string, SchedulerClock>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  function track<T>(work: Promise<T>): Promise<T> {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  }

  async function run(officeId: string, tick: SchedulerTick): Promise<DailySummary> {
    return track(
      (async () => {
        const summary = await runDaily(officePorts(db, officeId, log), tick);
        log.info(
          {
            officeId,
            reason: tick.reason,
            today: summary.today,
            events: summary.renewals.events,
            tasks: summary.renewals.tasks,
            problems: summary.problems.length,
          },
          'daily run',
        );
        return summary;
      })(),
    );
  }

  async function scan() {
    const { rows } = await db.query<{ id: string }>('select id from offices order by id');
    for (const { id } of rows) {
      const office = await readOffice(officePorts(db, id, log));
      const clock = clocks.get(id);
      if (!clock) {
        const started = new SchedulerClock({
          dailyTime: office.dailyRefreshTime,
          timeZone: () => zones.get(id) ?? 'UTC',
          timers,
          onTick: (tick) => {
            if (!stopped)
              void run(id, tick).catch((error) =>
                log.error({ err: error, officeId: id }, 'daily run failed'),
              );
          },
        });
        zones.set(id, office.timeZone);
        clocks.set(id, started);
        started.start();
        continue;
      }
      if (zones.get(id) !== office.timeZone) {
        zones.set(id, office.timeZone);
        clock.timeZoneChanged();
      }
      if (clock.dailyTime !== office.dailyRefreshTime) clock.setDailyTime(office.dailyRefreshTime);
    }
    // Alerts that devices raised since (a renewal added at its 7-day stage, a run on a desktop
    // before the server's): routed to people's email and webhooks within the minute.
    if (!stopped)
      for (const { id } of rows)
        await track(
          contextAt(officePorts(db, id, log), timers.now()).then((ctx) => deliverEventNotices(ctx)),
        ).catch((error) => log.error({ err: error, officeId: id }, 'routing alerts failed'));
  }
  const zones = new Map<string, string>();

  const scanning = setInterval(
    () => void scan().catch((error) => log.error({ err: error }, 'office scan failed')),
    options.scanMs ?? SCAN_MS,
  );
  const ready = scan();

  return {
    ready,
    /** Runs an office's daily job now (the ops API's refresh), waiting for one already running. */
    runNow: (officeId: string, at: string) => run(officeId, { reason: 'manual', at }),
    /** Looks for new offices and changed settings now, instead of at the next minute. */
    scan,
    /** Stops the clocks and waits for jobs under way to finish. */
    async stop() {
      stopped = true;
      clearInterval(scanning);
      for (const clock of clocks.values()) clock.stop();
      await Promise.allSettled([...running]);
    },
  };
}

export type OfficeJobs = ReturnType<typeof startOfficeJobs>;
