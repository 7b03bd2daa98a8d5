import { parseDailyTime } from './daily-time.js';
import type { Instant } from './instant.js';
import { addDays, diffDays, type LocalDate } from './local-date.js';
import { instantOfWallTime, localDateIn } from './zone.js';

/**
 * When the daily refresh runs. Pure: every function takes `now`, the office time zone (IANA)
 * and the daily refresh time ('HH:MM', local to that zone). The Electron main process and web
 * mode drive their timers from these, so both tick at the same instants.
 */
export type RefreshSchedule = { timeZone: string; dailyTime: string };

export type SchedulePlan = {
  /** The next instant the daily refresh is due, strictly after `now`. */
  nextTickAt: Instant;
  /** Daily refreshes that came due after the last refresh date and before `now`. */
  daysMissed: number;
  catchUpDue: boolean;
};

/** The instant of the daily refresh on local `date` (after a DST gap when the time is skipped). */
export function dailyRefreshOn(date: LocalDate, schedule: RefreshSchedule): Instant {
  const { hour, minute } = parseDailyTime(schedule.dailyTime);
  return instantOfWallTime(date, hour, minute, schedule.timeZone);
}

/** The first daily refresh instant strictly after `now`. */
export function nextDailyRefresh(now: Instant, schedule: RefreshSchedule): Instant {
  const today = localDateIn(now, schedule.timeZone);
  const todays = dailyRefreshOn(today, schedule);
  return todays > now ? todays : dailyRefreshOn(addDays(today, 1), schedule);
}

/** How many daily refreshes fell in the interval (after, upTo]; none when `after` is null. */
export function refreshesDueBetween(
  after: Instant | null,
  upTo: Instant,
  schedule: RefreshSchedule,
): number {
  if (after === null || upTo <= after) return 0;
  const first = localDateIn(after, schedule.timeZone);
  const last = localDateIn(upTo, schedule.timeZone);
  const count =
    diffDays(first, last) +
    1 -
    (dailyRefreshOn(first, schedule) <= after ? 1 : 0) -
    (dailyRefreshOn(last, schedule) > upTo ? 1 : 0);
  return Math.max(0, count);
}

/**
 * Daily refreshes missed since a refresh ran on `lastRefreshDate`: the local dates after it whose
 * refresh time has passed by `now`. A refresh on a date covers that whole date.
 */
export function daysMissedSince(
  lastRefreshDate: LocalDate | null,
  now: Instant,
  schedule: RefreshSchedule,
): number {
  if (lastRefreshDate === null) return 0;
  const today = localDateIn(now, schedule.timeZone);
  const days = diffDays(lastRefreshDate, today);
  if (days <= 0) return 0;
  return days - (dailyRefreshOn(today, schedule) > now ? 1 : 0);
}

/** The next tick and whether a catch-up refresh is due now. */
export function planSchedule(
  lastRefreshDate: LocalDate | null,
  now: Instant,
  schedule: RefreshSchedule,
): SchedulePlan {
  const daysMissed = daysMissedSince(lastRefreshDate, now, schedule);
  return { nextTickAt: nextDailyRefresh(now, schedule), daysMissed, catchUpDue: daysMissed > 0 };
}
