import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { calendarDate, instant, keptByMigration, localDate, stringEnum } from './json-schema.js';

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
 * Version 1 adds `hashVersion` (absent: the version-1 rule; see signedContent) and bounds dates.
 * What the worker signed (the field values, the typed name, the drawing) is not shortened by any
 * migration: it is immutable once signed and covered by the hash. The input rules bound new
 * values (LIMITS.fieldValue, LIMITS.signatureImage) and the office server refuses a push that
 * changes one of them to something longer.
 */
export const documentInstanceSchema = {
  title: 'document instance',
  description: "A worker's document: filled data, signature and renewal chain.",
  version: 1,
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
    openedAt: instant,
    submittedAt: instant,
    signedAt: instant,
    signedOn: localDate,
    /** Derived from the signing date and the template (up to 100 years later). */
    expiresOn: calendarDate,
    archivedAt: instant,
    /** SHA-256 hex of the canonical signed content (see shared/documents/lifecycle.ts). */
    contentHash: { type: 'string', maxLength: 64 },
    /** Which content the hash covers: absent = 1 (the content), 2 = also worker, signing date, expiry. */
    hashVersion: { type: 'integer', minimum: 2, maximum: 2 },
    previousInstanceId: { type: 'string', maxLength: 200 },
    renewalNumber: { type: 'integer', minimum: 0 },
    createdAt: instant,
    updatedAt: instant,
    keptByMigration,
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
