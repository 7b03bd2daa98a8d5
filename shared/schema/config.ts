import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * Office settings, staff, service types and plans live in one `config` collection, one record
 * per kind (`id` = 'office', 'staff', 'plans', ...), so the product stays within RxDB's
 * collection limit. `value` is validated by the feature that owns the kind.
 */
export const configSchema = {
  title: 'config',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 60 },
    value: { type: 'object', additionalProperties: true },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'value', 'updatedAt'],
} as const;

export type ConfigRecord = ExtractDocumentTypeFromTypedRxJsonSchema<typeof configSchema>;
