import { Temporal } from 'temporal-polyfill';
import { instantFromMs, msOf, type Instant } from './instant.js';
import type { LocalDate } from './local-date.js';

/**
 * Time zones and wall clocks, through the Temporal polyfill: it resolves daylight-saving gaps,
 * repeated hours and skipped days from the zone's rules instead of guessing offsets from
 * `Intl` output, and it is what browsers and Node will ship natively.
 */
export type WallTime = { date: LocalDate; hour: number; minute: number };

/** The zone a fresh install and the server fall back to when the office set none. */
export const FALLBACK_TIME_ZONE = 'UTC';

/** True when `timeZone` is an IANA zone this runtime knows ('Europe/Istanbul'). */
export function isTimeZone(timeZone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError with an actionable message when `timeZone` is not an IANA zone. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone))
    throw new RangeError(
      `Unknown time zone "${timeZone}": use an IANA name such as "Europe/Berlin".`,
    );
}

/**
 * The zone this machine is set to: the one place NoLapse reads it, as the default for a new
 * office. Falls back to UTC when the runtime reports a zone it cannot resolve.
 */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : FALLBACK_TIME_ZONE;
}

function zoned(instant: Instant, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(msOf(instant)).toZonedDateTimeISO(timeZone);
}

/** The local date and time (to the minute) the office clock shows at `instant`. */
export function wallTimeAt(instant: Instant, timeZone: string): WallTime {
  const local = zoned(instant, timeZone);
  return { date: local.toPlainDate().toString(), hour: local.hour, minute: local.minute };
}

/** The office's calendar date at `instant` in IANA `timeZone`. */
export function localDateIn(instant: Instant, timeZone: string): LocalDate {
  return zoned(instant, timeZone).toPlainDate().toString();
}

/**
 * The instant the clocks in `timeZone` read `hour:minute` on `date`. When that time is skipped
 * (spring forward, or a whole day as Samoa did in 2011), it is the first instant after the gap;
 * when it occurs twice (fall back), it is the first occurrence, so a daily job never runs twice.
 */
export function instantOfWallTime(
  date: LocalDate,
  hour: number,
  minute: number,
  timeZone: string,
): Instant {
  const wall = Temporal.PlainDate.from(date).toPlainDateTime({ hour, minute });
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (earlier.toPlainDateTime().equals(wall)) return instantFromMs(earlier.epochMilliseconds);
  // In a gap 'earlier' reads the wall time with the offset from before it; the gap ends at the
  // zone's next transition.
  const transition = earlier.getTimeZoneTransition('next');
  if (!transition) throw new RangeError(`No transition after a gap in "${timeZone}".`);
  return instantFromMs(transition.epochMilliseconds);
}
