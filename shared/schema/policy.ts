import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { stringEnum } from './json-schema.js';

/** A policy is in force (`active`) until someone records a cancellation; reinstating undoes it. */
export const POLICY_STATES = ['active', 'cancelled'] as const;

/**
 * An insurance policy with its terms embedded (terms are small and always read with their
 * policy, which keeps the product within RxDB's collection limit). Times are UTC instants.
 * Version 1 adds `state` and, while cancelled, `cancellation` (version-0 policies are active).
 */
export const policySchema = {
  title: 'policy',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    customerId: { type: 'string', maxLength: 120 },
    /** The policy number people quote ('P-2026-0042'). */
    number: { type: 'string', maxLength: 60 },
    productName: { type: 'string' },
    assigneeId: { type: 'string', maxLength: 120 },
    /** Ordered by termNumber; the last one is the latest term. Gaps between terms are allowed. */
    terms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          termNumber: { type: 'integer', minimum: 1 },
          startTime: { type: 'string' },
          endTime: { type: 'string' },
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
        effectiveDate: { type: 'string', maxLength: 10 },
        effectiveTime: { type: 'string' },
        recordedAt: { type: 'string' },
      },
      required: ['effectiveDate', 'effectiveTime', 'recordedAt'],
    },
    updatedAt: { type: 'string' },
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
