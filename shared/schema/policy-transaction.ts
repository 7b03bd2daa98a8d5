import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { nullableEnum, stringEnum } from './json-schema.js';

/** draft → accepted → issued; the last four are terminal. */
export const TRANSACTION_STATES = [
  'draft',
  'accepted',
  'issued',
  'invalidated',
  'rejected',
  'refused',
  'discarded',
] as const;

/**
 * A renewal transaction on a policy: it renews term `termNumber` and, once issued, adds a term.
 * Version 1 names the states a history entry may hold; stored data is unchanged.
 */
export const policyTransactionSchema = {
  title: 'policy transaction',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    policyId: { type: 'string', maxLength: 120 },
    /** The term this transaction renews. */
    termNumber: { type: 'integer', minimum: 1 },
    /** 'renewal' or an office-defined renewal type. */
    type: { type: 'string', maxLength: 60 },
    state: stringEnum(TRANSACTION_STATES, 12),
    effectiveTime: { type: 'string' },
    endTime: { type: 'string' },
    createdBy: stringEnum(['manual', 'auto']),
    /** Every state change, oldest first; `manual` is false for automatic actions. */
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: nullableEnum(TRANSACTION_STATES),
          to: stringEnum(TRANSACTION_STATES),
          at: { type: 'string' },
          manual: { type: 'boolean' },
          reason: { type: 'string' },
        },
        required: ['from', 'to', 'at', 'manual'],
      },
    },
    updatedAt: { type: 'string' },
  },
  required: [
    'id',
    'policyId',
    'termNumber',
    'type',
    'state',
    'effectiveTime',
    'endTime',
    'createdBy',
    'history',
    'updatedAt',
  ],
  indexes: ['policyId'],
} as const;

export type PolicyTransactionRecord = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof policyTransactionSchema
>;
