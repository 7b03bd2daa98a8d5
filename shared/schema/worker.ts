import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { stringEnum } from './json-schema.js';

/** A job a staffing office placed the worker in; kept forever as the record of the decision. */
const placementSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    jobTitle: { type: 'string', maxLength: 200 },
    /** The first working day ('YYYY-MM-DD', office time zone). */
    startDate: { type: 'string', maxLength: 10 },
    placedAt: { type: 'string', maxLength: 30 },
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
 * `placements` records the jobs the office placed them in.
 */
export const workerSchema = {
  title: 'worker',
  description: 'A person who signs compliance documents; its profile auto-fills them.',
  version: 1,
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
    /** Job placements, oldest first (schema version 1); small, so embedded. */
    placements: { type: 'array', items: placementSchema },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'fullName', 'active', 'profile', 'placements', 'createdAt', 'updatedAt'],
  indexes: ['fullName', ['active', 'fullName']],
} as const;

export type Worker = ExtractDocumentTypeFromTypedRxJsonSchema<typeof workerSchema>;
export type Placement = Worker['placements'][number];
