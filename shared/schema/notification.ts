import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * The device-local notification ledger: one record per notification delivered on this device
 * (on the server: the notices it routed to people's email and webhooks). It is never
 * replicated; across a person's devices, the office server's delivery ledger keeps one
 * notification per person and channel. A notice that waits for its person's digest has
 * `digestDue` (when the digest is due; '' otherwise) until the digest takes it (`digestedAt`).
 */
export const notificationSchema = {
  title: 'notification',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    title: { type: 'string' },
    body: { type: 'string' },
    route: { type: 'string' },
    sourceEventId: { type: 'string' },
    deliveredAt: { type: 'string', maxLength: 30 },
    readAt: { type: ['string', 'null'] },
    digestDue: { type: 'string', maxLength: 30 },
    digestedAt: { type: ['string', 'null'] },
  },
  required: ['id', 'title', 'body', 'route', 'deliveredAt', 'readAt', 'digestDue', 'digestedAt'],
  indexes: ['deliveredAt', 'digestDue'],
} as const;

export type DeliveredNotification = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof notificationSchema
>;
