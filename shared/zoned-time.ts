import { formatLocalDate, type LocalDate } from './time';

/**
 * Wall-clock time in an IANA time zone, computed with `Intl` only. Instants are epoch
 * milliseconds; local dates are 'YYYY-MM-DD'.
 */
export type WallTime = { date: LocalDate; hour: number; minute: number };

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(
        `Unknown time zone "${timeZone}": use an IANA name such as "Europe/Berlin".`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError with an actionable message when `timeZone` is not an IANA zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The wall-clock fields of `instant` in `timeZone`, as if they were UTC (seconds kept). */
function wallFieldsAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
}

/** The zone's UTC offset at `instant`, in ms (east of UTC is positive). */
export function utcOffsetAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallFieldsAsUtc(wholeSecond, timeZone) - wholeSecond;
}

/** The local date and time of `instant` in `timeZone`. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const wall = new Date(wallFieldsAsUtc(instant, timeZone));
  return {
    date: formatLocalDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** The local date of `instant` in `timeZone`. */
export function localDateAt(instant: number, timeZone: string): LocalDate {
  return wallTimeAt(instant, timeZone).date;
}

/**
 * The instant the clocks in `timeZone` read `hour:minute` on `date`. When that time is skipped
 * (spring forward), it is the first instant after the gap; when it occurs twice (fall back), it
 * is the first occurrence, so a daily job never runs twice.
 */
export function instantOfWallTime(
  date: LocalDate,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // One transition at most lies within a day of any wall time, so the offsets a day either
  // side are the only two candidates.
  const offsetBefore = utcOffsetAt(wallAsUtc - MS_PER_DAY, timeZone);
  const offsetAfter = utcOffsetAt(wallAsUtc + MS_PER_DAY, timeZone);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (wallFieldsAsUtc(candidate, timeZone) === wallAsUtc) return candidate;
  }
  return firstInstantWithOffset(candidates[0]!, candidates[1]!, offsetAfter, timeZone);
}

/** The earliest instant in [low, high] whose offset is `offset`, to the minute: a transition. */
function firstInstantWithOffset(
  low: number,
  high: number,
  offset: number,
  timeZone: string,
): number {
  let lo = Math.floor(low / MS_PER_MINUTE);
  let hi = Math.ceil(high / MS_PER_MINUTE);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (utcOffsetAt(mid * MS_PER_MINUTE, timeZone) === offset) hi = mid;
    else lo = mid + 1;
  }
  return lo * MS_PER_MINUTE;
}
