import { Frequency, RRule } from './rrule.js';
import {
  addDays,
  addMonthsClamped,
  formatLocalDate,
  parseLocalDate,
  type LocalDate,
} from '../time/index.js';

export type RecurrenceCheck = { ok: true; text: string } | { ok: false; error: string };

/** How far ahead a recurrence is expanded when looking for the next occurrence. */
const SEARCH_YEARS = 10;

function parse(recurrence: string) {
  const options = RRule.parseString(recurrence.replace(/^RRULE:/i, '').trim());
  if (options.freq === undefined) throw new Error('it has no FREQ');
  return options;
}

/** Checks an RRULE string ('FREQ=YEARLY;INTERVAL=1') and describes it in words. */
export function checkRecurrence(recurrence: string): RecurrenceCheck {
  try {
    const options = parse(recurrence);
    if (options.freq !== undefined && options.freq > Frequency.DAILY) {
      return { ok: false, error: 'Repeat at most daily: hourly rules make no sense for renewals.' };
    }
    return { ok: true, text: new RRule(options).toText() };
  } catch (error) {
    return {
      ok: false,
      error: `Repeat rule "${recurrence}" is not a valid RRULE (${(error as Error).message}). Example: FREQ=YEARLY;INTERVAL=1`,
    };
  }
}

function toUtcDate(date: LocalDate): Date {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function fromUtcDate(date: Date): LocalDate {
  return formatLocalDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * The first occurrence of `recurrence` strictly after `dueDate`, the rule anchored on `dueDate`;
 * null when the rule ends. Plain monthly and yearly rules clamp to the month's last day
 * (a Jan 31 monthly renewal falls on Feb 28), as offices expect; RFC 5545 would skip the month.
 */
export function nextOccurrence(recurrence: string, dueDate: LocalDate): LocalDate | null {
  const options = parse(recurrence);
  const interval = options.interval ?? 1;
  const plain =
    options.byweekday == null &&
    options.bymonthday == null &&
    options.bymonth == null &&
    options.bysetpos == null &&
    options.byyearday == null &&
    options.count == null &&
    options.until == null;
  if (plain && (options.freq === Frequency.YEARLY || options.freq === Frequency.MONTHLY)) {
    const months = options.freq === Frequency.YEARLY ? 12 * interval : interval;
    return addMonthsClamped(dueDate, months);
  }
  const rule = new RRule({ ...options, dtstart: toUtcDate(dueDate) });
  const after = toUtcDate(addDays(dueDate, 1));
  const limit = toUtcDate(addMonthsClamped(dueDate, 12 * SEARCH_YEARS));
  const [next] = rule.between(after, limit, true, (_, i) => i < 1);
  return next ? fromUtcDate(next) : null;
}
