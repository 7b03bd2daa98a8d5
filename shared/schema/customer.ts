import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { LIMITS } from '../limits.js';
import { instant, keptByMigration, localDate, reference, stringEnum, text } from './json-schema.js';

export const PERMIT_KINDS = ['RESIDENCE_PERMIT', 'WORK_PERMIT'] as const;
export const PERMIT_STATES = ['APPLIED', 'APPROVED', 'ISSUED', 'REJECTED', 'EXPIRED'] as const;

/**
 * A customer (the account); small children such as permits are embedded. Version 1 bounds every
 * text by shared/limits.ts and dates to 1900-2199 (older records are fitted, see migrations.ts).
 */
export const customerSchema = {
  title: 'customer',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    name: { type: 'string', maxLength: 200 },
    email: text(LIMITS.email),
    phone: text(LIMITS.phone),
    nationality: text(LIMITS.nationality),
    assigneeId: text(LIMITS.reference),
    planId: text(LIMITS.reference),
    notes: text(LIMITS.notes),
    permits: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: reference,
          kind: stringEnum(PERMIT_KINDS),
          number: text(LIMITS.number),
          state: stringEnum(PERMIT_STATES),
          validFrom: localDate,
          expiresOn: localDate,
        },
        required: ['id', 'kind', 'number', 'state', 'expiresOn'],
      },
    },
    createdAt: instant,
    updatedAt: instant,
    keptByMigration,
  },
  required: ['id', 'name', 'assigneeId', 'permits', 'createdAt', 'updatedAt'],
  indexes: ['name'],
} as const;

export type Customer = ExtractDocumentTypeFromTypedRxJsonSchema<typeof customerSchema>;
export type Permit = Customer['permits'][number];
export type PermitKind = (typeof PERMIT_KINDS)[number];
export type PermitState = (typeof PERMIT_STATES)[number];
