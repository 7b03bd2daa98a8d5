import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * An insurance policy with its terms embedded (terms are small and always read with their
 * policy, which keeps the product within RxDB's collection limit). Times are UTC instants.
 */
export const policySchema = {
  title: 'policy',
  version: 0,
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
    updatedAt: { type: 'string' },
  },
  required: ['id', 'customerId', 'number', 'productName', 'assigneeId', 'terms', 'updatedAt'],
  indexes: [['customerId', 'number'], 'number', 'assigneeId'],
} as const;

export type PolicyRecord = ExtractDocumentTypeFromTypedRxJsonSchema<typeof policySchema>;
