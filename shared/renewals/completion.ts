import { invalid, ok, type Result } from '../result.js';
import type { Permit } from '../schema/customer.js';
import { NEVER } from '../schema/renewal.js';
import { LIMITS, shortenTo } from '../limits.js';
import {
  addDays,
  isLocalDate,
  yearRangeProblem,
  type Instant,
  type LocalDate,
} from '../time/index.js';
import { ids } from './ids.js';
import { nextOccurrence } from './recurrence.js';
import { isOpen } from './refresh.js';
import { serviceTypeLabel } from './service-types.js';
import { nextStageOn } from './stages.js';
import type { CompletionPlan, Renewal } from './types.js';
import type { TimelineEvent } from '../schema/timeline-event.js';

export class RenewalClosedError extends Error {
  constructor(renewal: Renewal) {
    super(
      `This renewal is already ${renewal.status.toLowerCase()}; reopen nothing, create a new renewal instead.`,
    );
  }
}

/**
 * What follows a renewal people complete (seed 000: "creates a new Renewal record for the next
 * expiry"): the next due date, the new permit that replaces the old one, or an explicit none.
 */
export type NextRenewal =
  | { kind: 'date'; dueDate: LocalDate }
  | { kind: 'permit'; number: string; expiresOn: LocalDate }
  | { kind: 'none' };

export type NextRenewalField = 'dueDate' | 'number' | 'expiresOn';

/**
 * What the Complete dialog offers for a renewal. A permit renewal asks for the new permit; a
 * renewal of a policy kept in NoLapse is renewed on the policy's page (issuing its renewal
 * completes this one); anything else asks for the next due date, suggested by its repeat rule.
 */
export type CompletionOffer =
  | { kind: 'permit'; permit: Permit; suggestedExpiry: LocalDate | null }
  | { kind: 'policy'; policyId: string }
  | { kind: 'date'; suggestedDueDate: LocalDate | null };

export function completionOffer(
  renewal: Renewal,
  context: { permit?: Permit | undefined; policyInNoLapse: boolean },
): CompletionOffer {
  const suggested = renewal.recurrence ? nextOccurrence(renewal.recurrence, renewal.dueDate) : null;
  if (renewal.policyId && context.policyInNoLapse)
    return { kind: 'policy', policyId: renewal.policyId };
  if (renewal.permitId && context.permit)
    return { kind: 'permit', permit: context.permit, suggestedExpiry: suggested };
  return { kind: 'date', suggestedDueDate: suggested };
}

/**
 * Checks what staff chose as the next renewal: a real date (or expiry) after the one being
 * completed, and a permit number; problems are named by field.
 */
export function checkNextRenewal(
  renewal: Renewal,
  choice: NextRenewal,
): Result<NextRenewal, NextRenewalField> {
  if (choice.kind === 'none') return ok(choice);
  const errors: Partial<Record<NextRenewalField, string>> = {};
  const field = choice.kind === 'date' ? 'dueDate' : 'expiresOn';
  const date = (choice.kind === 'date' ? choice.dueDate : choice.expiresOn).trim();
  if (!isLocalDate(date))
    errors[field] =
      yearRangeProblem(date) ?? 'Enter a real date as YYYY-MM-DD, for example 2027-03-15.';
  else if (date <= renewal.dueDate)
    errors[field] =
      `The next ${choice.kind === 'date' ? 'due date' : 'expiry'} must be after ${renewal.dueDate}, the date being renewed.`;
  if (choice.kind === 'permit') {
    const number = choice.number.trim();
    if (number === '') errors.number = 'Enter the new permit’s number as printed on the card.';
    else if (number.length > LIMITS.number)
      errors.number = shortenTo('the permit number', LIMITS.number);
    if (Object.keys(errors).length > 0) return invalid(errors);
    return ok({ kind: 'permit', number, expiresOn: date });
  }
  if (Object.keys(errors).length > 0) return invalid(errors);
  return ok({ kind: 'date', dueDate: date });
}

/**
 * Why `completedOn` cannot be the day a completion counts from, or null when it can: a real
 * office-local date, not later than today (work recorded late is dated back, never ahead).
 */
export function completedOnProblem(completedOn: string, today: LocalDate): string | null {
  if (!isLocalDate(completedOn))
    return (
      yearRangeProblem(completedOn) ??
      'Enter the day the renewal was done as YYYY-MM-DD, for example 2026-03-15.'
    );
  if (completedOn > today)
    return `The completion date cannot be later than today (${today}); enter the day it was done.`;
  return null;
}

/** The renewal that follows `renewal`, due on `dueDate`, keeping its links and repeat rule. */
export function followingRenewal(renewal: Renewal, dueDate: LocalDate, now: Instant): Renewal {
  return {
    id: ids.nextRenewal(renewal.id, dueDate),
    customerId: renewal.customerId,
    serviceType: renewal.serviceType,
    dueDate,
    status: 'ACTIVE',
    stage: null,
    nextStageOn: nextStageOn(dueDate, null),
    assigneeId: renewal.assigneeId,
    notes: renewal.notes,
    complianceFlag: false,
    previousRenewalId: renewal.id,
    createdAt: now,
    updatedAt: now,
    ...(renewal.recurrence ? { recurrence: renewal.recurrence } : {}),
    ...(renewal.policyId ? { policyId: renewal.policyId } : {}),
    ...(renewal.permitId ? { permitId: renewal.permitId } : {}),
    ...(renewal.documentId ? { documentId: renewal.documentId } : {}),
  };
}

/**
 * Completing a renewal marks it COMPLETED, writes RENEWAL_COMPLETED and, when something
 * follows, plans the next renewal linked by `previousRenewalId`. By default the next one
 * follows the repeat rule; `next` overrides it: a prepared renewal (a new permit's), a due
 * date, or null for none.
 */
export function planCompletion(
  renewal: Renewal,
  completedOn: LocalDate,
  now: Instant = `${completedOn}T00:00:00.000Z`,
  next?: Renewal | LocalDate | null,
): CompletionPlan {
  if (!isOpen(renewal)) throw new RenewalClosedError(renewal);
  const update: Renewal = {
    ...renewal,
    status: 'COMPLETED',
    complianceFlag: false,
    nextStageOn: NEVER,
    completedAt: now,
    updatedAt: now,
  };
  const following =
    next === null
      ? null
      : typeof next === 'object'
        ? next
        : (next ??
          (renewal.recurrence ? nextOccurrence(renewal.recurrence, renewal.dueDate) : null));
  const nextRenewal =
    following === null
      ? undefined
      : typeof following === 'string'
        ? followingRenewal(renewal, following, now)
        : following;
  const service = serviceTypeLabel(renewal.serviceType);
  const plan: CompletionPlan = {
    update,
    event: {
      id: ids.completionEvent(renewal.id),
      type: 'RENEWAL_COMPLETED',
      customerId: renewal.customerId,
      subjectId: renewal.id,
      title: `${service} renewed`,
      detail: nextRenewal
        ? `Next renewal due ${nextRenewal.dueDate}`
        : `Was due ${renewal.dueDate}; nothing follows`,
      occurredOn: completedOn,
      at: now,
      updatedAt: now,
    },
  };
  if (nextRenewal) plan.next = nextRenewal;
  return plan;
}

/** Cancelling stops all alerts; the record stays for the audit trail. */
export function planCancellation(renewal: Renewal, now: Instant): Renewal {
  if (!isOpen(renewal)) throw new RenewalClosedError(renewal);
  return { ...renewal, status: 'CANCELLED', nextStageOn: NEVER, updatedAt: now };
}

/** The timeline fact of a renewal cancelled by hand. */
export function cancellationEvent(
  renewal: Renewal,
  context: { today: LocalDate; at: Instant },
): TimelineEvent {
  return {
    id: ids.cancellationEvent(renewal.id, context.at),
    type: 'RENEWAL_CANCELLED',
    customerId: renewal.customerId,
    subjectId: renewal.id,
    serviceType: renewal.serviceType,
    title: `${serviceTypeLabel(renewal.serviceType)} renewal due ${renewal.dueDate} cancelled`,
    detail: 'Cancelled by hand; its alerts stopped and its open tasks closed.',
    occurredOn: context.today,
    at: context.at,
    updatedAt: context.at,
  };
}

/** A new due date starts the alerts over: the next refresh fires the stage it has reached. */
export function planDueDateChange(renewal: Renewal, dueDate: LocalDate, now: Instant): Renewal {
  if (!isOpen(renewal)) throw new RenewalClosedError(renewal);
  return {
    ...renewal,
    dueDate,
    stage: null,
    status: 'ACTIVE',
    complianceFlag: false,
    nextStageOn: addDays(dueDate, -90),
    updatedAt: now,
  };
}
