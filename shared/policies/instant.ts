import { addMonthsClamped } from '../time';
import type { Instant } from '../time';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * The canonical UTC form ('2026-11-23T09:30:00.000Z') of an ISO 8601 date-time with an
 * explicit offset, or null when `value` is not one. Canonical strings compare in time order.
 */
export function toInstant(value: string): Instant | null {
  if (!ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const canonical = new Date(ms).toISOString();
  // Date.parse rolls 2026-02-30 over to March; a real date keeps its calendar part.
  return value.endsWith('Z') && canonical.slice(0, 10) !== value.slice(0, 10) ? null : canonical;
}

/** True when `value` is already a canonical UTC instant. */
export function isInstant(value: string): boolean {
  return toInstant(value) === value;
}

/** `instant` moved back by whole 24-hour days (lead times count back from a term end). */
export function subtractDays(instant: Instant, days: number): Instant {
  return new Date(Date.parse(instant) - days * MS_PER_DAY).toISOString();
}

/** The same UTC time of day `months` months later; Aug 31 + 6 months falls on Feb 28/29. */
export function addMonthsToInstant(instant: Instant, months: number): Instant {
  const canonical = new Date(Date.parse(instant)).toISOString();
  return addMonthsClamped(canonical.slice(0, 10), months) + canonical.slice(10);
}
