import { YEAR_RANGE } from '../limits.js';

/**
 * Calendar dates as the office sees them. A `LocalDate` is a 'YYYY-MM-DD' string with no time
 * zone: arithmetic runs on whole days in UTC so daylight-saving shifts can never move a date.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * The JSON schema pattern of a date a record holds: 'YYYY-MM-DD' in the years 1900-2199
 * (YEAR_RANGE). Whether the day exists in its month is the input rules' check (isLocalDate).
 */
export const LOCAL_DATE_PATTERN = '^(19\\d\\d|2[01]\\d\\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

/** The JSON schema pattern of a date the app derives: 'YYYY-MM-DD' in any year (see calendarDate). */
export const CALENDAR_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** True when `value` is a day that exists, written 'YYYY-MM-DD', in any year 0000-9999. */
export function isCalendarDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * True when `value` is a date people may enter and records may hold: a real calendar date
 * written 'YYYY-MM-DD' (rejects 2026-02-30) in the years 1900-2199, so a typo such as
 * '0026-03-15' is refused instead of becoming a renewal due a hundred years ago. Every input
 * rule uses it; arithmetic takes any calendar date, so sentinels such as '9999-12-31' work.
 */
export function isLocalDate(value: string): boolean {
  if (!isCalendarDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= YEAR_RANGE.min && year <= YEAR_RANGE.max;
}

/**
 * The problem of a real calendar date outside 1900-2199 ("The year must be between 1900 and
 * 2199. Did you mean 2026-03-15?"), or null for any other value: input rules keep their own
 * words for a value that is no date at all.
 */
export function yearRangeProblem(value: string): string | null {
  const text = value.trim();
  if (!isCalendarDate(text) || isLocalDate(text)) return null;
  const year = Number(text.slice(0, 4));
  const suggestion =
    year < 100 && isLocalDate(`20${text.slice(2)}`) ? ` Did you mean 20${text.slice(2)}?` : '';
  return `The year must be between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}.${suggestion}`;
}

/**
 * What is wrong with `value` as a date people enter, in words they can act on, or null when it
 * is one (isLocalDate). A two-digit-century typo gets the likely date suggested.
 */
export function localDateProblem(value: string): string | null {
  const text = value.trim();
  if (isLocalDate(text)) return null;
  if (!LOCAL_DATE.test(text)) return 'Write the date as YYYY-MM-DD, for example 2026-03-15.';
  if (!isCalendarDate(text)) return `${text} does not exist: check the month and the day.`;
  return yearRangeProblem(text);
}

/** Parses a calendar date into its parts; throws on anything that is not a real date. */
export function parseLocalDate(value: LocalDate): { year: number; month: number; day: number } {
  if (!isCalendarDate(value)) throw new RangeError(`Not a date in YYYY-MM-DD form: "${value}"`);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/**
 * Milliseconds since the epoch of a UTC midnight. Date.UTC reads years 0-99 as 1900-1999, which
 * once turned '0026-03-15' into 1926; setUTCFullYear takes the year as written.
 */
function utcMidnight(year: number, month: number, day: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** Formats year, month (1-12) and day as a LocalDate. */
export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toEpochDay(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return utcMidnight(year, month, day) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * Day number since 1970-01-01 of a date already known to be valid (read from a validated
 * record); skips validation because queue building calls it for every renewal.
 */
export function epochDayOfValid(date: LocalDate): number {
  return (
    utcMidnight(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) /
    MS_PER_DAY
  );
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function diffDays(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The same day `months` months later; a day the target month lacks clamps to its last day (Aug 31 + 6 = Feb 28/29). */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatLocalDate(
    targetYear,
    targetMonth,
    Math.min(day, daysInMonth(targetYear, targetMonth)),
  );
}

/** Days from `today` until `dueDate`: 0 on the due date, negative once overdue. */
export function daysUntilDue(dueDate: LocalDate, today: LocalDate): number {
  return diffDays(today, dueDate);
}
