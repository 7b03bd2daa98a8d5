import { addMonthsClamped } from './local-date.js';

/**
 * A moment in time, always the canonical UTC ISO 8601 form ('2026-11-23T09:30:00.000Z').
 * The one instant type of NoLapse: canonical strings compare in time order, so records can
 * be indexed and sorted by them, and they read the same on every device and the server.
 */
export type Instant = string;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * The canonical Instant of an ISO 8601 date-time with an explicit offset, or null when `value`
 * is not one.
 */
export function toInstant(value: string): Instant | null {
  if (!ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const canonical = new Date(ms).toISOString();
  // Date.parse rolls 2026-02-30 over to March; a real date keeps its calendar part.
  return value.endsWith('Z') && canonical.slice(0, 10) !== value.slice(0, 10) ? null : canonical;
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
