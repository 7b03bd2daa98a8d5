import { isLocalDate, localDateIn, type Instant, type LocalDate } from '../../../shared/time';

/** Minutes the zone is ahead of UTC at `ms` (Istanbul: +180). */
function offsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant the office clock shows `date` at `time` ('HH:MM', default midnight). In a
 * daylight-saving gap the wall time does not exist and the instant after the gap is used.
 */
export function instantAtLocal(date: LocalDate, timeZone: string, time = '00:00'): Instant {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  guess = wall - offsetMinutes(guess, timeZone) * 60_000;
  return new Date(guess).toISOString();
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
