import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { LIMITS } from '../limits.js';
import { instant, keptByMigration, localDate, stringEnum, text } from './json-schema.js';

/** A policy is in force (`active`) until someone records a cancellation; reinstating undoes it. */
export const POLICY_STATES = ['active', 'cancelled'] as const;

/**
 * An insurance policy with its terms embedded (terms are small and always read with their
 * policy, which keeps the product within RxDB's collection limit). Times are UTC instants.
 * Version 1 adds `state` and, while cancelled, `cancellation` (version-0 policies are active);
 * version 2 bounds every text by shared/limits.ts (numbers to 100 characters).
 */
export const policySchema = {
  title: 'policy',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    customerId: { type: 'string', maxLength: 120 },
    /** The policy number people quote ('P-2026-0042'). */
    number: text(LIMITS.number),
    productName: text(LIMITS.name),
    assigneeId: { type: 'string', maxLength: 120 },
    /** Ordered by termNumber; the last one is the latest term. Gaps between terms are allowed. */
    terms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          termNumber: { type: 'integer', minimum: 1 },
          startTime: instant,
          endTime: instant,
        },
        required: ['termNumber', 'startTime', 'endTime'],
      },
    },
    state: stringEnum(POLICY_STATES, 10),
    /**
     * Present only while cancelled: the office-local date staff typed, the instant it starts
     * (midnight there), and when the cancellation was recorded (its tasks are closed at that
     * instant, which is how a reinstatement finds the ones to reopen).
     */
    cancellation: {
      type: 'object',
      properties: {
        effectiveDate: localDate,
        effectiveTime: instant,
        recordedAt: instant,
      },
      required: ['effectiveDate', 'effectiveTime', 'recordedAt'],
    },
    updatedAt: instant,
    keptByMigration,
  },
  required: [
    'id',
    'customerId',
    'number',
    'productName',
    'assigneeId',
    'terms',
    'state',
    'updatedAt',
  ],
  indexes: [['customerId', 'number'], 'number', 'assigneeId'],
} as const;

export type PolicyRecord = ExtractDocumentTypeFromTypedRxJsonSchema<typeof policySchema>;
export type PolicyState = (typeof POLICY_STATES)[number];
