import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * The device-local notification ledger: one record per notification delivered on this device.
 * It is never replicated, so every device delivers each notification exactly once.
 */
export const notificationSchema = {
  title: 'notification',
  version: 0,
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
  },
  required: ['id', 'title', 'body', 'route', 'deliveredAt', 'readAt'],
  indexes: ['deliveredAt'],
} as const;

export type DeliveredNotification = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof notificationSchema
>;
