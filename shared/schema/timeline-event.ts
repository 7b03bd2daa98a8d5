import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { DERIVED_TEXT } from '../limits.js';
import { instant, keptByMigration, localDate, text } from './json-schema.js';

/**
 * An append-only fact on a customer's timeline; the id says what caused it. Version 1 bounds
 * its text (jobs compose it from names and notes, so the bounds leave room for both).
 */
export const timelineEventSchema = {
  title: 'timeline event',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    type: { type: 'string', maxLength: 60 },
    customerId: { type: 'string', maxLength: 120 },
    subjectId: { type: 'string', maxLength: 200 },
    stage: text(60),
    /** The service type of the renewal behind a RENEWAL_* event. */
    serviceType: text(60),
    title: text(DERIVED_TEXT.title),
    detail: text(DERIVED_TEXT.detail),
    occurredOn: localDate,
    at: instant,
    updatedAt: instant,
    keptByMigration,
  },
  required: ['id', 'type', 'customerId', 'subjectId', 'title', 'occurredOn', 'at', 'updatedAt'],
  indexes: [['customerId', 'at'], ['subjectId', 'at'], 'at'],
} as const;

export type TimelineEvent = ExtractDocumentTypeFromTypedRxJsonSchema<typeof timelineEventSchema>;
