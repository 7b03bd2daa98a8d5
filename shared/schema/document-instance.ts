import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { stringEnum } from './json-schema.js';

export const DOCUMENT_STATUSES = [
  'required',
  'draft',
  'submitted',
  'completed',
  'expired',
] as const;

/**
 * One worker's copy of one template version. Lifecycle: required → draft (first open) →
 * submitted → completed, or expired (archived, kept forever). A completed instance never
 * changes except to be archived at expiry; `contentHash` makes any other change detectable.
 */
export const documentInstanceSchema = {
  title: 'document instance',
  description: "A worker's document: filled data, signature and renewal chain.",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    templateId: { type: 'string', maxLength: 100 },
    templateVersion: { type: 'integer', minimum: 1 },
    workerId: { type: 'string', maxLength: 100 },
    status: stringEnum(DOCUMENT_STATUSES, 10),
    /** Filled values by field key; every value is text (dates 'YYYY-MM-DD'). */
    data: { type: 'object', additionalProperties: { type: 'string' } },
    signatureName: { type: 'string', maxLength: 200 },
    /** The drawn signature as a data URL ('data:image/png;base64,...'). */
    signatureImage: { type: 'string' },
    openedAt: { type: 'string', maxLength: 30 },
    submittedAt: { type: 'string', maxLength: 30 },
    signedAt: { type: 'string', maxLength: 30 },
    signedOn: { type: 'string', maxLength: 10 },
    expiresOn: { type: 'string', maxLength: 10 },
    archivedAt: { type: 'string', maxLength: 30 },
    /** SHA-256 hex of the canonical signed content (see shared/documents/lifecycle.ts). */
    contentHash: { type: 'string', maxLength: 64 },
    previousInstanceId: { type: 'string', maxLength: 200 },
    renewalNumber: { type: 'integer', minimum: 0 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: [
    'id',
    'templateId',
    'templateVersion',
    'workerId',
    'status',
    'data',
    'renewalNumber',
    'createdAt',
    'updatedAt',
  ],
  indexes: [
    ['workerId', 'templateId'],
    ['status', 'id'],
  ],
} as const;

export type DocumentInstance = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof documentInstanceSchema
>;
export type DocumentStatus = DocumentInstance['status'];
