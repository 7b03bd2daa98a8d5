import type { RenewalModel } from '../schema/document-template.js';
import {
  addDays,
  addMonthsClamped,
  daysInMonth,
  diffDays,
  formatLocalDate,
  parseLocalDate,
  type LocalDate,
} from '../time/index.js';

export type { RenewalModel };

export const DEFAULT_REMINDER_DAYS_BEFORE: readonly number[] = [30, 14, 7, 1];

/** After expiry the unsigned renewal is reminded on the expiry day, then every this many days. */
export const DEFAULT_OVERDUE_REMINDER_EVERY_DAYS = 7;

export type GraceState = 'valid' | 'grace' | 'blocked';

/**
 * The date a document signed on `signedOn` expires, or null when it never does.
 * calendar: the next renewalMonth/renewalDay strictly after the signing date (Feb 29 falls on
 * Feb 28 in non-leap years, as offices expect); signature: signedOn + renewalDurationMonths,
 * a day the target month lacks clamping to its last day.
 */
export function computeExpiry(model: RenewalModel, signedOn: LocalDate): LocalDate | null {
  switch (model.kind) {
    case 'none':
      return null;
    case 'calendar': {
      const { year } = parseLocalDate(signedOn);
      const sameYear = calendarDate(year, model.renewalMonth, model.renewalDay);
      return sameYear > signedOn
        ? sameYear
        : calendarDate(year + 1, model.renewalMonth, model.renewalDay);
    }
    case 'signature':
      return addMonthsClamped(signedOn, model.renewalDurationMonths);
  }
}

/** renewalMonth/renewalDay in `year`; a day past the month's end (Feb 29 in 2027) clamps to it. */
function calendarDate(year: number, month: number, day: number): LocalDate {
  return formatLocalDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/** The dates reminders fire for a document expiring on `expiresOn`: chronological, no duplicates. */
export function reminderDates(
  expiresOn: LocalDate,
  reminderDaysBefore: readonly number[] = DEFAULT_REMINDER_DAYS_BEFORE,
): LocalDate[] {
  return [...new Set(reminderDaysBefore)]
    .sort((a, b) => b - a)
    .map((days) => addDays(expiresOn, -days));
}

/**
 * The first day a signed document may be renewed early: when its earliest reminder fires (the
 * largest `reminderDaysBefore`, 30 days by default); a template without reminders uses 30 days.
 */
export function renewalOpensOn(
  expiresOn: LocalDate,
  reminderDaysBefore: readonly number[],
): LocalDate {
  const days = reminderDaysBefore.length
    ? Math.max(...reminderDaysBefore)
    : Math.max(...DEFAULT_REMINDER_DAYS_BEFORE);
  return addDays(expiresOn, -days);
}

/** The first day a document expiring on `expiresOn` blocks: the day after its grace period. */
export function blockedFrom(expiresOn: LocalDate, gracePeriodDays: number): LocalDate {
  return addDays(expiresOn, gracePeriodDays);
}

/**
 * 'valid' before the expiry date, 'grace' from the expiry date for `gracePeriodDays` days,
 * 'blocked' after (with 0 days, 'blocked' on the expiry date itself).
 */
export function graceState(
  expiresOn: LocalDate,
  gracePeriodDays: number,
  today: LocalDate,
): GraceState {
  const daysPastExpiry = diffDays(expiresOn, today);
  if (daysPastExpiry < 0) return 'valid';
  return daysPastExpiry < gracePeriodDays ? 'grace' : 'blocked';
}
