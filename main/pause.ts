import type { PauseReminders } from '../shared/ipc';
import { addDays, addMs, instantOfWallTime, localDateIn, type Instant } from '../shared/time';

/** How long the tray's "Pause reminders" lasts. */
export type PauseChoice = '1h' | 'tomorrow';

const ONE_HOUR_MS = 3_600_000;

/** The instant a pause chosen at `now` ends: an hour later, or the next local midnight. */
export function pauseUntil(choice: PauseChoice, now: Instant, timeZone: string): Instant {
  if (choice === '1h') return addMs(now, ONE_HOUR_MS);
  return instantOfWallTime(addDays(localDateIn(now, timeZone), 1), 0, 0, timeZone);
}

/** Whether reminders are paused at `at`: the pause ends exactly at `pausedUntil`. */
export function isPausedAt(pausedUntil: Instant | null, at: Instant): boolean {
  return pausedUntil !== null && at < pausedUntil;
}

/** The pause as the renderer sees it; an ended pause reads as no pause. */
export function pauseStateAt(pausedUntil: Instant | null, at: Instant): PauseReminders {
  return { until: isPausedAt(pausedUntil, at) ? pausedUntil : null };
}
