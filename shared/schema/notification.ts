import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { DERIVED_TEXT } from '../limits.js';
import { keptByMigration, nullableInstant, reference, text } from './json-schema.js';

/**
 * The device-local notification ledger: one record per notification delivered on this device
 * (on the server: the notices it routed to people's email and webhooks). It is never
 * replicated; across a person's devices, the office server's delivery ledger keeps one
 * notification per person and channel. A notice that waits for its person's digest has
 * `digestDue` (when the digest is due; '' otherwise) until the digest takes it: then
 * `digestedAt` is set and `digestDue` goes back to ''. `readAt` is when the notice was read in
 * the notification centre, '' while it is unread. Version 2 bounds its text; version 3 clears
 * `digestDue` of the notices digests already took, so the `digestDue` index holds only the
 * waiting ones. Version 4 writes an unread notice's `readAt` as '' (it was null, which no index
 * can hold) and indexes it: the unread count on the sidebar's bell counted by reading every
 * notice the device was ever given (6,671 at 100k, ~1.2 s of IndexedDB at every start).
 */
export const notificationSchema = {
  title: 'notification',
  version: 4,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    title: text(DERIVED_TEXT.title),
    body: text(DERIVED_TEXT.detail),
    route: text(DERIVED_TEXT.route),
    sourceEventId: reference,
    deliveredAt: { type: 'string', maxLength: 30 },
    readAt: { type: 'string', maxLength: 30 },
    digestDue: { type: 'string', maxLength: 30 },
    digestedAt: nullableInstant,
    keptByMigration,
  },
  required: ['id', 'title', 'body', 'route', 'deliveredAt', 'readAt', 'digestDue', 'digestedAt'],
  indexes: ['deliveredAt', 'digestDue', 'readAt'],
} as const;

export type DeliveredNotification = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof notificationSchema
>;
