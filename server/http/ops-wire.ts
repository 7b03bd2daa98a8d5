import type { z } from 'zod';
import type { WorkerCompliance } from '../../shared/documents/sweep.js';
import { urgencyOf, type Urgency } from '../../shared/renewals/queue.js';
import type { FieldErrors } from '../../shared/result.js';
import type { Customer } from '../../shared/schema/customer.js';
import type { DocumentInstance } from '../../shared/schema/document-instance.js';
import { NEVER, type Renewal } from '../../shared/schema/renewal.js';
import type { TimelineEvent } from '../../shared/schema/timeline-event.js';
import type { Worker } from '../../shared/schema/worker.js';
import { daysUntilDue, isLocalDate, type LocalDate } from '../../shared/time/index.js';
import { HttpError } from './errors.js';
import type { complianceOut, customerOut, renewalOut, timelineOut } from './ops-schemas.js';

/** Records as the ops API writes them: snake_case, every field present (null when unset). */

export function customerWire(customer: Customer): z.input<typeof customerOut> {
  return {
    id: customer.id,
    full_name: customer.name,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    nationality: customer.nationality ?? null,
    notes: customer.notes ?? null,
    assignee_id: customer.assigneeId,
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
  };
}

/**
 * The queue's urgency of a renewal on `today` (shared/renewals/queue.ts). A due date that is not
 * a date (a record from a faulty device) reads as far ahead, as the app's queue reads it.
 */
export function urgencyOn(renewal: Pick<Renewal, 'status' | 'dueDate'>, today: LocalDate): Urgency {
  const dueDate = isLocalDate(renewal.dueDate) ? renewal.dueDate : NEVER;
  return urgencyOf({ status: renewal.status, dueDate }, today);
}

export function renewalWire(renewal: Renewal, today: LocalDate): z.input<typeof renewalOut> {
  return {
    id: renewal.id,
    customer_id: renewal.customerId,
    service_type: renewal.serviceType,
    due_date: renewal.dueDate,
    days_until_due: isLocalDate(renewal.dueDate) ? daysUntilDue(renewal.dueDate, today) : null,
    urgency: urgencyOn(renewal, today),
    status: renewal.status,
    stage: renewal.stage,
    assignee_id: renewal.assigneeId,
    policy_id: renewal.policyId ?? null,
    permit_id: renewal.permitId ?? null,
    document_id: renewal.documentId ?? null,
    repeats: renewal.recurrence ?? null,
    notes: renewal.notes,
    compliance_flag: renewal.complianceFlag,
    previous_renewal_id: renewal.previousRenewalId ?? null,
    completed_at: renewal.completedAt ?? null,
    created_at: renewal.createdAt,
    updated_at: renewal.updatedAt,
  };
}

type TimelineItem = z.input<typeof timelineOut>['items'][number];

export function eventWire(event: TimelineEvent): TimelineItem {
  return {
    id: event.id,
    type: event.type,
    stage: event.stage ?? null,
    // RENEWAL_* events are about a renewal; others about a policy or a task.
    renewal_id: event.type.startsWith('RENEWAL_') ? event.subjectId : null,
    subject_id: event.subjectId,
    title: event.title,
    detail: event.detail ?? null,
    occurred_on: event.occurredOn,
    at: event.at,
  };
}

export function complianceWire(
  worker: Worker,
  compliance: WorkerCompliance,
  documents: readonly { instance: DocumentInstance; name: string }[],
  today: LocalDate,
): z.input<typeof complianceOut> {
  return {
    worker_id: worker.id,
    full_name: worker.fullName,
    active: worker.active,
    state: compliance.state,
    checked_on: today,
    reasons: compliance.reasons.map((r) => ({
      template_id: r.templateId,
      document: r.document,
      instance_id: r.instanceId,
      state: r.state,
      expires_on: r.expiresOn,
      blocked_from: r.blockedFrom,
      message: r.message,
    })),
    documents: documents.map(({ instance, name }) => ({
      instance_id: instance.id,
      template_id: instance.templateId,
      name,
      status: instance.status,
      signed_on: instance.signedOn ?? null,
      expires_on: instance.expiresOn ?? null,
      renewal_number: instance.renewalNumber,
    })),
  };
}

/** How the jobs' field names read on the wire, per operation. */
export const WIRE_FIELDS = {
  customer: {
    name: 'full_name',
    email: 'email',
    phone: 'phone',
    nationality: 'nationality',
    notes: 'notes',
    assigneeId: 'assignee_id',
  },
  renewal: {
    serviceType: 'service_type',
    dueDate: 'due_date',
    policyId: 'policy_id',
    notes: 'notes',
    assigneeId: 'assignee_id',
    recurrence: 'repeats',
  },
  completion: { dueDate: 'next_due_date', completedOn: 'completed_on' },
} as const satisfies Record<string, Record<string, string>>;

/**
 * A job's refusal as an HTTP answer. Problems with fields are 400, named as the request named
 * them; a refusal of the operation as a whole (`form`: already completed, changed meanwhile, a
 * policy renewed on its own page) is 409: the request was understood, the record's state says no.
 */
export function refusal(
  errors: FieldErrors,
  names: Readonly<Record<string, string>>,
  what: string,
): HttpError {
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors))
    if (key !== 'form' && message) fields[names[key] ?? key] = message;
  const [first] = Object.entries(fields);
  if (!first)
    return new HttpError(409, 'conflict', errors.form ?? `The ${what} cannot be done now.`);
  if (errors.form) fields.form = errors.form;
  return new HttpError(
    400,
    'invalid_request',
    `The ${what} is not valid: ${first[0]}: ${first[1]}`,
    fields,
  );
}
