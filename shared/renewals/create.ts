import { z } from 'zod';
import type { Customer, Permit } from '../schema/customer.js';
import { BUILT_IN_SERVICE_TYPES } from '../schema/renewal.js';
import { boundedText, dateText } from '../input-rules.js';
import { LIMITS, shortenTo } from '../limits.js';
import { isLocalDate, type Instant, type LocalDate } from '../time/index.js';
import { ids } from './ids.js';
import { checkRecurrence } from './recurrence.js';
import { SERVICE_TYPE_CODE } from './service-types.js';
import { nextStageOn } from './stages.js';
import type { Renewal } from './types.js';

type Links = Pick<Renewal, 'policyId' | 'permitId' | 'documentId' | 'recurrence'>;

/** A new open renewal with no stage yet: the next refresh fires the stage it has reached. */
export function newRenewal(
  fields: {
    id: string;
    customerId: string;
    serviceType: string;
    dueDate: LocalDate;
    assigneeId: string;
    notes?: string;
    previousRenewalId?: string;
  } & Links,
  now: Instant,
): Renewal {
  const defined = Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''),
  ) as typeof fields;
  return {
    ...defined,
    // Kept even when empty: the job that adds the renewal gives it the office default then.
    assigneeId: fields.assigneeId,
    notes: fields.notes ?? '',
    status: 'ACTIVE',
    stage: null,
    nextStageOn: nextStageOn(fields.dueDate, null),
    complianceFlag: false,
    createdAt: now,
    updatedAt: now,
  };
}

const dueDate = dateText(
  'Enter the due date.',
  'Enter a real date as YYYY-MM-DD, for example 2026-03-15.',
);

/** What staff enter to create a renewal by hand (like POST /ops/customers/:id/renewals). */
export const manualRenewalInput = z.object({
  serviceType: z
    .string()
    .trim()
    .min(1, 'Choose a service type.')
    .refine(
      (value) =>
        (BUILT_IN_SERVICE_TYPES as readonly string[]).includes(value) ||
        SERVICE_TYPE_CODE.test(value),
      'Use a known service type, or capital letters and underscores for your own (e.g. VISA_EXTENSION).',
    ),
  dueDate,
  policyId: boundedText('the policy id', LIMITS.reference).optional(),
  notes: z.string().max(LIMITS.notes, shortenTo('the notes', LIMITS.notes)).optional(),
  assigneeId: z
    .string()
    .trim()
    .min(1, 'Choose who is responsible.')
    .max(LIMITS.reference, 'Choose who is responsible from the list.'),
  recurrence: boundedText('the repeat rule', LIMITS.recurrence)
    .optional()
    .superRefine((value, ctx) => {
      if (!value) return;
      const check = checkRecurrence(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
    }),
});
export type ManualRenewalInput = z.input<typeof manualRenewalInput>;

export type FieldErrors = Partial<Record<keyof ManualRenewalInput, string>>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Checks a manual renewal; every problem is reported against its field in words staff act on. */
export function createManualRenewal(
  input: ManualRenewalInput,
  context: { id: string; customerId: string; now: Instant },
): Validated<Renewal> {
  const parsed = manualRenewalInput.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof ManualRenewalInput;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const value = parsed.data;
  return {
    ok: true,
    value: newRenewal(
      {
        id: context.id,
        customerId: context.customerId,
        serviceType: value.serviceType,
        dueDate: value.dueDate,
        assigneeId: value.assigneeId,
        notes: value.notes,
        policyId: value.policyId,
        recurrence: value.recurrence,
      },
      context.now,
    ),
  };
}

/**
 * The renewal for a permit: a residence permit once APPROVED, a work permit once ISSUED, due on
 * the permit's expiry. Null while the permit is not in that state.
 */
export function renewalForPermit(customer: Customer, permit: Permit, now: Instant): Renewal | null {
  const ready =
    permit.kind === 'RESIDENCE_PERMIT' ? permit.state === 'APPROVED' : permit.state === 'ISSUED';
  if (!ready || !isLocalDate(permit.expiresOn)) return null;
  return newRenewal(
    {
      id: ids.permitRenewal(permit.id, permit.expiresOn),
      customerId: customer.id,
      serviceType: permit.kind,
      dueDate: permit.expiresOn,
      assigneeId: customer.assigneeId,
      permitId: permit.id,
      notes: `${permit.kind === 'RESIDENCE_PERMIT' ? 'Residence' : 'Work'} permit ${permit.number}`,
    },
    now,
  );
}

/** The renewal for an issued policy term, due on the term's end date (office-local). */
export function renewalForPolicyTerm(
  term: {
    customerId: string;
    policyId: string;
    policyNumber: string;
    endDate: LocalDate;
    assigneeId: string;
  },
  now: Instant,
): Renewal {
  return newRenewal(
    {
      id: ids.policyRenewal(term.policyId, term.endDate),
      customerId: term.customerId,
      serviceType: 'INSURANCE_POLICY',
      dueDate: term.endDate,
      assigneeId: term.assigneeId,
      policyId: term.policyId,
      notes: `Policy ${term.policyNumber}`,
    },
    now,
  );
}

/** The renewal for a signed document instance, due on its expiry. */
export function renewalForDocument(
  document: {
    ownerId: string;
    instanceId: string;
    documentName: string;
    expiresOn: LocalDate;
    assigneeId: string;
  },
  now: Instant,
): Renewal {
  return newRenewal(
    {
      id: ids.documentRenewal(document.instanceId, document.expiresOn),
      customerId: document.ownerId,
      serviceType: 'DOCUMENT',
      dueDate: document.expiresOn,
      assigneeId: document.assigneeId,
      documentId: document.instanceId,
      notes: document.documentName,
    },
    now,
  );
}
