import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { DERIVED_TEXT, LIMITS } from '../limits.js';
import { instant, keptByMigration, nullableEnum, stringEnum, text } from './json-schema.js';

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
 * Version 1 names the states a history entry may hold; stored data is unchanged. Version 2
 * bounds its text (see shared/limits.ts).
 */
export const policyTransactionSchema = {
  title: 'policy transaction',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    policyId: { type: 'string', maxLength: 120 },
    /** The term this transaction renews. */
    termNumber: { type: 'integer', minimum: 1 },
    /** 'renewal' or an office-defined renewal type. */
    type: text(LIMITS.code),
    state: stringEnum(TRANSACTION_STATES, 12),
    effectiveTime: instant,
    endTime: instant,
    createdBy: stringEnum(['manual', 'auto']),
    /** Every state change, oldest first; `manual` is false for automatic actions. */
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: nullableEnum(TRANSACTION_STATES),
          to: stringEnum(TRANSACTION_STATES),
          at: instant,
          manual: { type: 'boolean' },
          reason: text(DERIVED_TEXT.detail),
        },
        required: ['from', 'to', 'at', 'manual'],
      },
    },
    updatedAt: instant,
    keptByMigration,
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
