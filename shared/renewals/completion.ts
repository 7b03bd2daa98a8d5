import { NEVER } from '../schema/renewal.js';
import { addDays, type Instant, type LocalDate } from '../time/index.js';
import { ids } from './ids.js';
import { nextOccurrence } from './recurrence.js';
import { isOpen } from './refresh.js';
import { serviceTypeLabel } from './service-types.js';
import { nextStageOn } from './stages.js';
import type { CompletionPlan, Renewal } from './types.js';

export class RenewalClosedError extends Error {
  constructor(renewal: Renewal) {
    super(
      `This renewal is already ${renewal.status.toLowerCase()}; reopen nothing, create a new renewal instead.`,
    );
  }
}

/**
 * Completing a renewal marks it COMPLETED, writes RENEWAL_COMPLETED and, when it recurs,
 * creates the next renewal linked by `previousRenewalId`.
 */
export function planCompletion(
  renewal: Renewal,
  completedOn: LocalDate,
  now: Instant = `${completedOn}T00:00:00.000Z`,
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
  const nextDue = renewal.recurrence ? nextOccurrence(renewal.recurrence, renewal.dueDate) : null;
  const service = serviceTypeLabel(renewal.serviceType);
  const plan: CompletionPlan = {
    update,
    event: {
      id: ids.completionEvent(renewal.id),
      type: 'RENEWAL_COMPLETED',
      customerId: renewal.customerId,
      subjectId: renewal.id,
      title: `${service} renewed`,
      detail: nextDue ? `Next renewal due ${nextDue}` : `Was due ${renewal.dueDate}`,
      occurredOn: completedOn,
      at: now,
      updatedAt: now,
    },
  };
  if (nextDue) {
    plan.next = {
      id: ids.nextRenewal(renewal.id, nextDue),
      customerId: renewal.customerId,
      serviceType: renewal.serviceType,
      dueDate: nextDue,
      status: 'ACTIVE',
      stage: null,
      nextStageOn: nextStageOn(nextDue, null),
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
  return plan;
}

/** Cancelling stops all alerts; the record stays for the audit trail. */
export function planCancellation(renewal: Renewal, now: Instant): Renewal {
  if (!isOpen(renewal)) throw new RenewalClosedError(renewal);
  return { ...renewal, status: 'CANCELLED', nextStageOn: NEVER, updatedAt: now };
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
