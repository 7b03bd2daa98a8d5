import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * Workers sign compliance documents. `profile` holds the values that auto-fill document fields
 * (keyed by a field's `profileKey`); `active: false` means deactivated: no renewal instances.
 */
export const workerSchema = {
  title: 'worker',
  description: 'A person who signs compliance documents; its profile auto-fills them.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    fullName: { type: 'string', maxLength: 200 },
    email: { type: 'string', maxLength: 320 },
    active: { type: 'boolean' },
    /** Auto-fill values by profile key ('address', 'taxId', ...); every value is text. */
    profile: { type: 'object', additionalProperties: { type: 'string' } },
    deactivatedAt: { type: 'string', maxLength: 30 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'fullName', 'active', 'profile', 'createdAt', 'updatedAt'],
  indexes: ['fullName', ['active', 'fullName']],
} as const;

export type Worker = ExtractDocumentTypeFromTypedRxJsonSchema<typeof workerSchema>;
