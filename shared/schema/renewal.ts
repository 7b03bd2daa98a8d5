import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { nullableEnum, stringEnum } from './json-schema.js';

export const RENEWAL_STATUSES = ['ACTIVE', 'OVERDUE', 'COMPLETED', 'CANCELLED'] as const;
/** The most urgent threshold already fired; null before the first one. */
export const RENEWAL_STAGES = ['T90', 'T60', 'T30', 'T14', 'T7', 'OVERDUE'] as const;
export const BUILT_IN_SERVICE_TYPES = [
  'RESIDENCE_PERMIT',
  'WORK_PERMIT',
  'INSURANCE_POLICY',
  'DOCUMENT',
] as const;

/** `nextStageOn` of a renewal whose stage can no longer change (completed, cancelled, overdue). */
export const NEVER = '9999-12-31';

export const renewalSchema = {
  title: 'renewal',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    customerId: { type: 'string', maxLength: 120 },
    serviceType: { type: 'string', maxLength: 60 },
    dueDate: { type: 'string', maxLength: 10 },
    status: stringEnum(RENEWAL_STATUSES, 10),
    stage: nullableEnum(RENEWAL_STAGES),
    /**
     * The date the refresh next has to read the renewal: its next stage, or the day its snooze
     * ends when that comes first. The refresh reads only renewals with nextStageOn <= today.
     */
    nextStageOn: { type: 'string', maxLength: 10 },
    assigneeId: { type: 'string', maxLength: 120 },
    policyId: { type: 'string' },
    permitId: { type: 'string' },
    documentId: { type: 'string' },
    recurrence: { type: 'string' },
    notes: { type: 'string' },
    complianceFlag: { type: 'boolean' },
    previousRenewalId: { type: 'string' },
    completedAt: { type: 'string' },
    /**
     * Reminders are snoozed while the office's today is before this date ('YYYY-MM-DD'); they
     * resume on it. Kept after it passes, as a record of the snooze; absent when never snoozed.
     */
    snoozedUntil: { type: 'string', maxLength: 10 },
    snoozeNote: { type: 'string' },
    /** Someone is working on it (an application filed, a quote out): its reminders pause. */
    inProgressNote: { type: 'string' },
    /** The instant it was marked in progress; absent when it is not in progress. */
    inProgressSince: { type: 'string' },
    /** The staff member who marked it, or '' when the device knows nobody in particular. */
    inProgressBy: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: [
    'id',
    'customerId',
    'serviceType',
    'dueDate',
    'status',
    'stage',
    'nextStageOn',
    'assigneeId',
    'notes',
    'complianceFlag',
    'createdAt',
    'updatedAt',
  ],
  indexes: [
    ['nextStageOn', 'id'],
    ['status', 'dueDate', 'id'],
    ['customerId', 'dueDate'],
  ],
} as const;

export type Renewal = ExtractDocumentTypeFromTypedRxJsonSchema<typeof renewalSchema>;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];
export type RenewalStage = (typeof RENEWAL_STAGES)[number];
