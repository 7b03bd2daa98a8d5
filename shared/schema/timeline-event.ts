import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/** An append-only fact on a customer's timeline; the id says what caused it. */
export const timelineEventSchema = {
  title: 'timeline event',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    type: { type: 'string', maxLength: 60 },
    customerId: { type: 'string', maxLength: 120 },
    subjectId: { type: 'string', maxLength: 200 },
    stage: { type: 'string' },
    /** The service type of the renewal behind a RENEWAL_* event. */
    serviceType: { type: 'string' },
    title: { type: 'string' },
    detail: { type: 'string' },
    occurredOn: { type: 'string', maxLength: 10 },
    at: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'type', 'customerId', 'subjectId', 'title', 'occurredOn', 'at', 'updatedAt'],
  indexes: [['customerId', 'at'], ['subjectId', 'at'], 'at'],
} as const;

export type TimelineEvent = ExtractDocumentTypeFromTypedRxJsonSchema<typeof timelineEventSchema>;
