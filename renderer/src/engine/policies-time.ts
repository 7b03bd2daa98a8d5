import { isLocalDate, localDateIn, type Instant, type LocalDate } from '../../../shared/time';
import { instantOfWallTime } from '../../../shared/zoned-time';

/**
 * The instant the office clock shows `date` at `time` ('HH:MM', default midnight). In a
 * daylight-saving gap the wall time does not exist and the instant after the gap is used.
 */
export function instantAtLocal(date: LocalDate, timeZone: string, time = '00:00'): Instant {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return new Date(instantOfWallTime(date, hour, minute, timeZone)).toISOString();
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
  const date = localDateIn(instant, timeZone);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).format(Date.parse(instant));
  return time === '00:00' ? date : `${date} ${time}`;
}
