import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { stringEnum } from './json-schema.js';

export const PERMIT_KINDS = ['RESIDENCE_PERMIT', 'WORK_PERMIT'] as const;
export const PERMIT_STATES = ['APPLIED', 'APPROVED', 'ISSUED', 'REJECTED', 'EXPIRED'] as const;

/** A customer (the account); small children such as permits are embedded. */
export const customerSchema = {
  title: 'customer',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    name: { type: 'string', maxLength: 200 },
    email: { type: 'string' },
    phone: { type: 'string' },
    nationality: { type: 'string' },
    assigneeId: { type: 'string' },
    planId: { type: 'string' },
    notes: { type: 'string' },
    permits: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          kind: stringEnum(PERMIT_KINDS),
          number: { type: 'string' },
          state: stringEnum(PERMIT_STATES),
          validFrom: { type: 'string' },
          expiresOn: { type: 'string' },
        },
        required: ['id', 'kind', 'number', 'state', 'expiresOn'],
      },
    },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'name', 'assigneeId', 'permits', 'createdAt', 'updatedAt'],
  indexes: ['name'],
} as const;

export type Customer = ExtractDocumentTypeFromTypedRxJsonSchema<typeof customerSchema>;
export type Permit = Customer['permits'][number];
export type PermitKind = (typeof PERMIT_KINDS)[number];
export type PermitState = (typeof PERMIT_STATES)[number];
