import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { instant, keptByMigration } from './json-schema.js';

/**
 * Office settings, staff, service types and plans live in one `config` collection, one record
 * per kind (`id` = 'office', 'staff', 'plans', ...), so the product stays within RxDB's
 * collection limit. `value` is validated by the feature that owns the kind (its input rule bounds
 * its text). Version 1 only joined the other collections' version 1 (see migrations.ts).
 */
export const configSchema = {
  title: 'config',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 60 },
    value: { type: 'object', additionalProperties: true },
    updatedAt: instant,
    keptByMigration,
  },
  required: ['id', 'value', 'updatedAt'],
} as const;

export type ConfigRecord = ExtractDocumentTypeFromTypedRxJsonSchema<typeof configSchema>;
