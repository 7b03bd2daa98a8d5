import { z } from 'zod';
import { dateText } from '../input-rules.js';
import { LIMITS, shortenTo } from '../limits.js';
import { invalid, ok, parseWith, type Result } from '../result.js';
import {
  formatLocalDateTime,
  instantAtLocal,
  isLocalDate,
  yearRangeProblem,
  parseLocalDateTime,
  type Instant,
} from '../time/index.js';
import { latestTerm, type Policy } from './model.js';

export const policyInputSchema = z
  .object({
    number: z
      .string()
      .trim()
      .min(1, 'Enter the policy number, e.g. P-2026-0042.')
      .max(LIMITS.number, shortenTo('the policy number', LIMITS.number)),
    productName: z
      .string()
      .trim()
      .min(1, 'Enter the product, e.g. Commercial auto.')
      .max(LIMITS.name, shortenTo('the product name', LIMITS.name)),
    startDate: dateText('Enter the first term’s start as YYYY-MM-DD, e.g. 2026-01-01.'),
    endDate: dateText('Enter the first term’s end as YYYY-MM-DD, e.g. 2027-01-01.'),
    assigneeId: z
      .string()
      .trim()
      .min(1, 'Choose who looks after this policy.')
      .max(LIMITS.reference, 'Choose who looks after this policy from the list.'),
  })
  .superRefine((input, ctx) => {
    if (isLocalDate(input.startDate) && isLocalDate(input.endDate))
      if (input.endDate <= input.startDate)
        ctx.addIssue({
          code: 'custom',
          path: ['endDate'],
          message: `The term must end after it starts (${input.startDate}).`,
        });
  });

export type PolicyInput = z.input<typeof policyInputSchema>;
export type PolicyField = keyof PolicyInput;

/** A new policy with its first term; dates are office-local and the term runs midnight to midnight. */
export function planPolicy(
  input: PolicyInput,
  context: { id: string; customerId: string; timeZone: string; now: Instant },
): Result<Policy, PolicyField> {
  const checked = parseWith<z.output<typeof policyInputSchema>, PolicyField>(
    policyInputSchema,
    input,
  );
  if (!checked.ok) return checked;
  const value = checked.value;
  return ok({
    id: context.id,
    customerId: context.customerId,
    number: value.number,
    productName: value.productName,
    assigneeId: value.assigneeId,
    terms: [
      {
        termNumber: 1,
        startTime: instantAtLocal(value.startDate, context.timeZone),
        endTime: instantAtLocal(value.endDate, context.timeZone),
      },
    ],
    state: 'active',
    updatedAt: context.now,
  });
}

/** What staff type to renew a policy by hand: office-local dates. */
export type ManualRenewalForm = { endDate: string; effectiveDate: string; type: string };
export type ManualRenewalField = keyof ManualRenewalForm;
export type ManualRenewalTimes = { endTime: Instant; effectiveTime: Instant; type: string };

/**
 * The instants of a manual renewal of the latest term: the new end must come after the current
 * end; an empty effective date starts the new term right at the current end, a later one
 * leaves a gap no term covers.
 */
export function checkManualRenewalForm(
  policy: Policy,
  form: ManualRenewalForm,
  timeZone: string,
): Result<ManualRenewalTimes, ManualRenewalField> {
  const end = latestTerm(policy).endTime;
  const endLocal = formatLocalDateTime(end, timeZone);
  const errors: Partial<Record<ManualRenewalField, string>> = {};
  const endDate = form.endDate.trim();
  const effectiveDate = form.effectiveDate.trim();
  const type = form.type.trim();
  if (!isLocalDate(endDate))
    errors.endDate =
      yearRangeProblem(endDate) ?? 'Enter the new end as YYYY-MM-DD, e.g. 2028-01-01.';
  if (effectiveDate !== '' && !isLocalDate(effectiveDate))
    errors.effectiveDate =
      yearRangeProblem(effectiveDate) ??
      'Enter the start of the new term as YYYY-MM-DD, or leave it empty.';
  if (type === '') errors.type = 'Give the renewal a type, e.g. renewal.';
  else if (type.length > LIMITS.code) errors.type = shortenTo('the renewal type', LIMITS.code);
  if (Object.keys(errors).length > 0) return invalid(errors);
  const endTime = instantAtLocal(endDate, timeZone);
  const effectiveTime = effectiveDate === '' ? end : instantAtLocal(effectiveDate, timeZone);
  if (endTime <= end) errors.endDate = `The new end must be after the current end (${endLocal}).`;
  if (effectiveTime < end)
    errors.effectiveDate = `The new term cannot start before the current end (${endLocal}); leave it empty to start right then.`;
  else if (endTime <= effectiveTime && !errors.endDate)
    errors.endDate = `The new end must be after the new term’s start (${effectiveDate}).`;
  if (Object.keys(errors).length > 0) return invalid(errors);
  return ok({ endTime, effectiveTime, type });
}

/** Trigger times as staff type them: office-local 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'; empty = no action. */
export type TriggerTimesForm = { createTime: string; acceptTime: string; issueTime: string };
export type TriggerField = keyof TriggerTimesForm;
export type TriggerTimes = Record<TriggerField, Instant | null>;

export function checkTriggerTimesForm(
  form: TriggerTimesForm,
  timeZone: string,
): Result<TriggerTimes, TriggerField> {
  const errors: Partial<Record<TriggerField, string>> = {};
  const times: TriggerTimes = { createTime: null, acceptTime: null, issueTime: null };
  for (const key of ['createTime', 'acceptTime', 'issueTime'] as const) {
    const text = form[key].trim();
    if (text === '') continue;
    const instant = parseLocalDateTime(text, timeZone);
    if (instant === null)
      errors[key] = 'Use YYYY-MM-DD or YYYY-MM-DD HH:MM (office time), or leave it empty.';
    else times[key] = instant;
  }
  return Object.keys(errors).length > 0 ? invalid(errors) : ok(times);
}
