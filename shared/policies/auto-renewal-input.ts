import { LIMITS, shortenTo } from '../limits.js';
import { invalid, ok, type Result } from '../result.js';
import { formatLocalDateTime, parseLocalDateTime } from '../time/index.js';
import type { ManualAutoRenewal } from './auto-renewal-record.js';
import { latestTerm, type Instant, type Policy } from './model.js';

/**
 * "Create Auto-Renewal" by hand, as staff type it: trigger times in office time
 * ('YYYY-MM-DD' or 'YYYY-MM-DD HH:MM', empty = no automatic action for that step), the new
 * term's length in months and the renewal type.
 */
export type AutoRenewalForm = {
  createTime: string;
  acceptTime: string;
  issueTime: string;
  termMonths: string;
  type: string;
};
export type AutoRenewalField = keyof AutoRenewalForm;

const STEPS = [
  ['createTime', 'create'],
  ['acceptTime', 'accept'],
  ['issueTime', 'issue'],
] as const;

/**
 * Checks the form against the latest term: each time a real office time within the term (from
 * its start to its end: a renewal issued after the end would leave the policy uncovered), in
 * the order create ≤ accept ≤ issue, at least one of them given, and a whole number of months
 * from 1 to 120. Every problem is reported on its field.
 */
export function checkAutoRenewalForm(
  policy: Policy,
  form: AutoRenewalForm,
  timeZone: string,
): Result<ManualAutoRenewal, AutoRenewalField> {
  const term = latestTerm(policy);
  const show = (instant: Instant) => formatLocalDateTime(instant, timeZone);
  const errors: Partial<Record<AutoRenewalField, string>> = {};
  const times: Record<(typeof STEPS)[number][0], Instant | null> = {
    createTime: null,
    acceptTime: null,
    issueTime: null,
  };
  for (const [key, step] of STEPS) {
    const text = form[key].trim();
    if (text === '') continue;
    const instant = parseLocalDateTime(text, timeZone);
    if (instant === null) {
      errors[key] = 'Use YYYY-MM-DD or YYYY-MM-DD HH:MM (office time), or leave it empty.';
    } else if (instant < term.startTime) {
      errors[key] =
        `The ${step} time must be within term ${term.termNumber}, which starts ${show(term.startTime)}.`;
    } else if (instant > term.endTime) {
      errors[key] =
        `The ${step} time must be no later than the end of term ${term.termNumber} (${show(term.endTime)}); later would leave the policy uncovered.`;
    } else {
      times[key] = instant;
    }
  }
  let previous: { step: string; time: Instant } | null = null;
  for (const [key, step] of STEPS) {
    const time = times[key];
    if (time === null) continue;
    if (previous && time < previous.time && !errors[key])
      errors[key] =
        `The ${step} time must be at or after the ${previous.step} time (${show(previous.time)}).`;
    previous = { step, time };
  }
  if (STEPS.every(([key]) => form[key].trim() === ''))
    errors.createTime =
      'Give at least one time: with none the auto-renewal never acts (to stop renewals, use Do not renew).';
  const monthsText = form.termMonths.trim();
  const months = Number(monthsText);
  if (!/^\d+$/.test(monthsText) || months < 1 || months > 120)
    errors.termMonths = 'Enter the new term’s length as a whole number of months from 1 to 120.';
  const type = form.type.trim();
  if (type === '') errors.type = 'Give the renewal a type, e.g. renewal.';
  else if (type.length > LIMITS.code) errors.type = shortenTo('the renewal type', LIMITS.code);
  if (Object.keys(errors).length > 0) return invalid(errors);
  return ok({ ...times, newTermDurationMonths: months, transactionType: type });
}
