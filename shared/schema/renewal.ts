import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { LIMITS } from '../limits.js';
import {
  calendarDate,
  instant,
  keptByMigration,
  localDate,
  nullableEnum,
  reference,
  stringEnum,
  text,
} from './json-schema.js';

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

/**
 * A renewal: something that expires, with its stage of alerts. Version 1 added snooze and in
 * progress; version 2 bounds every text by shared/limits.ts and dates to 1900-2199; version 3
 * adds the queue's indexes (records unchanged): [status, serviceType, dueDate, id] and
 * [status, assigneeId, dueDate, id] count and page a filtered queue in the index alone.
 */
export const renewalSchema = {
  title: 'renewal',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    customerId: { type: 'string', maxLength: 120 },
    serviceType: text(LIMITS.code),
    dueDate: localDate,
    status: stringEnum(RENEWAL_STATUSES, 10),
    stage: nullableEnum(RENEWAL_STAGES),
    /**
     * The date the refresh next has to read the renewal: its next stage, or the day its snooze
     * ends when that comes first. The refresh reads only renewals with nextStageOn <= today.
     */
    nextStageOn: calendarDate,
    assigneeId: { type: 'string', maxLength: 120 },
    policyId: reference,
    permitId: reference,
    documentId: reference,
    recurrence: text(LIMITS.recurrence),
    notes: text(LIMITS.notes),
    complianceFlag: { type: 'boolean' },
    previousRenewalId: reference,
    completedAt: instant,
    /**
     * Reminders are snoozed while the office's today is before this date ('YYYY-MM-DD'); they
     * resume on it. Kept after it passes, as a record of the snooze; absent when never snoozed.
     */
    snoozedUntil: localDate,
    snoozeNote: text(LIMITS.shortNote),
    /** Someone is working on it (an application filed, a quote out): its reminders pause. */
    inProgressNote: text(LIMITS.shortNote),
    /** The instant it was marked in progress; absent when it is not in progress. */
    inProgressSince: instant,
    /** The staff member who marked it, or '' when the device knows nobody in particular. */
    inProgressBy: text(LIMITS.reference),
    createdAt: instant,
    updatedAt: instant,
    keptByMigration,
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
    ['status', 'serviceType', 'dueDate', 'id'],
    ['status', 'assigneeId', 'dueDate', 'id'],
  ],
} as const;

export type Renewal = ExtractDocumentTypeFromTypedRxJsonSchema<typeof renewalSchema>;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];
export type RenewalStage = (typeof RENEWAL_STAGES)[number];
