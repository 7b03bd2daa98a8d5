import { addMonthsClamped } from './local-date.js';

/**
 * A moment in time, always the canonical UTC ISO 8601 form ('2026-11-23T09:30:00.000Z').
 * The one instant type of NoLapse: canonical strings compare in time order, so records can
 * be indexed and sorted by them, and they read the same on every device and the server.
 */
export type Instant = string;

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const MS_PER_DAY = 86_400_000;

/** Instants NoLapse accepts lie in these years: a typo such as 0202 or 20266 is refused. */
export const INSTANT_YEARS = { first: 1900, last: 2199 } as const;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function inYears(year: number): boolean {
  return year >= INSTANT_YEARS.first && year <= INSTANT_YEARS.last;
}

/**
 * The canonical Instant of an ISO 8601 date-time with an explicit offset, or null when `value`
 * is not one. Impossible calendar parts are refused, never rolled over: 2026-02-30, 2026-04-31,
 * hour 24, minute or second 60, an offset beyond ±23:59; so is a year outside 1900–2199, written
 * or once converted to UTC.
 */
export function toInstant(value: string): Instant | null {
  const parts = ISO_INSTANT.exec(value);
  if (!parts) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = parts;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!inYears(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return null;
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return null;
  if (sign !== undefined && (Number(oh) > 23 || Number(om) > 59)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const canonical = new Date(ms).toISOString();
  return inYears(Number(canonical.slice(0, 4))) ? canonical : null;
}

/** True when `value` is already a canonical Instant. */
export function isInstant(value: string): boolean {
  return toInstant(value) === value;
}

/** The Instant `ms` milliseconds after the Unix epoch (timers and Temporal speak milliseconds). */
export function instantFromMs(ms: number): Instant {
  return new Date(ms).toISOString();
}

/** Milliseconds since the Unix epoch of an Instant, for timer delays and arithmetic. */
export function msOf(instant: Instant): number {
  return Date.parse(instant);
}

/** `instant` moved by `ms` milliseconds (negative goes back). */
export function addMs(instant: Instant, ms: number): Instant {
  return instantFromMs(msOf(instant) + ms);
}

/** `instant` moved back by whole 24-hour days (lead times count back from a term end). */
export function subtractDays(instant: Instant, days: number): Instant {
  return addMs(instant, -days * MS_PER_DAY);
}

/** The same UTC time of day `months` months later; Aug 31 + 6 months falls on Feb 28/29. */
export function addMonthsToInstant(instant: Instant, months: number): Instant {
  const canonical = instantFromMs(msOf(instant));
  return addMonthsClamped(canonical.slice(0, 10), months) + canonical.slice(10);
}
