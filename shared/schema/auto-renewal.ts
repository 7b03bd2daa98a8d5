import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { DERIVED_TEXT, LIMITS } from '../limits.js';
import {
  instant,
  keptByMigration,
  nullableInstant,
  reference,
  stringEnum,
  text,
} from './json-schema.js';

/** The steps of an automatic renewal, in the order they fire. */
export const RENEWAL_EVENTS = ['create', 'accept', 'issue'] as const;

export const AUTO_RENEWAL_STATES = [
  'active',
  'issued',
  'doNotRenew',
  'terminated',
  'discarded',
  'error',
] as const;

/** `nextTriggerAt` of an auto-renewal with nothing pending; sorts after every real instant. */
export const NO_PENDING_TRIGGER = '9999-12-31T00:00:00.000Z';

/**
 * The automatic renewal of one policy term. `nextTriggerAt` (indexed) is the earliest trigger
 * still to fire, so the scheduler reads only auto-renewals with `nextTriggerAt <= now`.
 * Version 1 names the events a plugin log entry may hold; stored data is unchanged. Version 2
 * bounds its text (see shared/limits.ts).
 */
export const autoRenewalSchema = {
  title: 'auto renewal',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    policyId: { type: 'string', maxLength: 120 },
    termNumber: { type: 'integer', minimum: 1 },
    state: stringEnum(AUTO_RENEWAL_STATES, 12),
    errorReason: text(DERIVED_TEXT.detail),
    /** The renewal transaction this auto-renewal manages, once created or linked. */
    transactionId: reference,
    transactionType: text(LIMITS.code),
    newTermDurationMonths: { type: 'integer', minimum: 1, maximum: 120 },
    /** Trigger times; null means no action for that step. */
    createTime: nullableInstant,
    acceptTime: nullableInstant,
    issueTime: nullableInstant,
    /** When each trigger fired; a fired trigger never fires again. */
    done: {
      type: 'object',
      properties: {
        create: instant,
        accept: instant,
        issue: instant,
      },
    },
    /** Set by a policy cancellation: the auto-renewal holds until reactivated. */
    invalidatedAt: nullableInstant,
    pluginLog: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: instant,
          event: stringEnum(RENEWAL_EVENTS),
          plugin: text(LIMITS.url),
          outcome: text(DERIVED_TEXT.detail),
        },
        required: ['at', 'event', 'plugin', 'outcome'],
      },
    },
    /**
     * A round of webhook calls recorded before it was made, until its answers are saved: a run
     * that finds one knows the calls may have reached the webhooks and retries them with the
     * same Idempotency-Key (`attempts` counts the tries).
     */
    pendingCall: {
      type: 'object',
      properties: {
        event: stringEnum(RENEWAL_EVENTS),
        key: { type: 'string' },
        recordedAt: { type: 'string' },
        attempts: { type: 'integer', minimum: 1 },
      },
      required: ['event', 'key', 'recordedAt', 'attempts'],
    },
    /** Rounds of webhook calls recorded so far; each round's Idempotency-Key ends with its number. */
    webhookRounds: { type: 'integer', minimum: 0 },
    /** The plugin that discarded it; a person may reactivate what a plugin discarded. */
    discardedBy: { type: 'string' },
    nextTriggerAt: { type: 'string', maxLength: 30 },
    updatedAt: instant,
    keptByMigration,
  },
  required: [
    'id',
    'policyId',
    'termNumber',
    'state',
    'transactionType',
    'newTermDurationMonths',
    'createTime',
    'acceptTime',
    'issueTime',
    'done',
    'invalidatedAt',
    'pluginLog',
    'nextTriggerAt',
    'updatedAt',
  ],
  indexes: ['policyId', ['nextTriggerAt', 'id']],
} as const;

export type AutoRenewalRecord = ExtractDocumentTypeFromTypedRxJsonSchema<typeof autoRenewalSchema>;
