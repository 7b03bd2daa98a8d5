import type { Instant } from './instant.js';
import { isLocalDate, type LocalDate } from './local-date.js';
import { parseDailyTime } from './daily-time.js';
import { instantOfWallTime, wallTimeAt } from './zone.js';

/**
 * How people type and read instants: office-local 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'.
 * The instant the office clock shows `date` at `time` ('HH:MM', default midnight); in a
 * daylight-saving gap the wall time does not exist and the instant after the gap is used.
 */
export function instantAtLocal(date: LocalDate, timeZone: string, time = '00:00'): Instant {
  const { hour, minute } = parseDailyTime(time);
  return instantOfWallTime(date, hour, minute, timeZone);
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T]([01]\d|2[0-3]):([0-5]\d))?$/;

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' in the office zone as an instant; null when not one. */
export function parseLocalDateTime(text: string, timeZone: string): Instant | null {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match || !isLocalDate(match[1]!)) return null;
  return instantAtLocal(match[1]!, timeZone, match[2] ? `${match[2]}:${match[3]}` : '00:00');
}

/** 'YYYY-MM-DD HH:MM' on the office clock; the time is left out at midnight. */
export function formatLocalDateTime(instant: Instant, timeZone: string): string {
  const { date, hour, minute } = wallTimeAt(instant, timeZone);
  if (hour === 0 && minute === 0) return date;
  return `${date} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
