import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { LIMITS } from '../limits.js';
import { instant, keptByMigration, localDate, stringEnum, text } from './json-schema.js';

/** A job a staffing office placed the worker in; kept forever as the record of the decision. */
const placementSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    jobTitle: text(LIMITS.name),
    /** The first working day ('YYYY-MM-DD', office time zone). */
    startDate: localDate,
    placedAt: instant,
    /** The worker's compliance when placed: a placement is refused while blocked. */
    compliance: stringEnum(['valid', 'grace']),
    /** What the office was warned about when placing (documents in grace), if anything. */
    warning: { type: 'string', maxLength: 2000 },
  },
  required: ['id', 'jobTitle', 'startDate', 'placedAt', 'compliance'],
} as const;

/**
 * Workers sign compliance documents. `profile` holds the values that auto-fill document fields
 * (keyed by a field's `profileKey`); `active: false` means deactivated: no renewal instances.
 * `placements` records the jobs the office placed them in (version 1). Version 2 bounds every
 * text by shared/limits.ts (emails to 254 characters) and dates to 1900-2199.
 */
export const workerSchema = {
  title: 'worker',
  description: 'A person who signs compliance documents; its profile auto-fills them.',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    fullName: { type: 'string', maxLength: 200 },
    email: text(LIMITS.email),
    active: { type: 'boolean' },
    /** Auto-fill values by profile key ('address', 'taxId', ...); every value is text. */
    profile: { type: 'object', additionalProperties: text(LIMITS.fieldValue) },
    deactivatedAt: instant,
    /** Job placements, oldest first (schema version 1); small, so embedded. */
    placements: { type: 'array', items: placementSchema },
    createdAt: instant,
    updatedAt: instant,
    keptByMigration,
  },
  required: ['id', 'fullName', 'active', 'profile', 'placements', 'createdAt', 'updatedAt'],
  indexes: ['fullName', ['active', 'fullName']],
} as const;

export type Worker = ExtractDocumentTypeFromTypedRxJsonSchema<typeof workerSchema>;
export type Placement = Worker['placements'][number];
