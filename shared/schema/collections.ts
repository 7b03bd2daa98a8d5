import type { CollectionName } from '../jobs/store.js';
import { autoRenewalSchema } from './auto-renewal.js';
import { configSchema } from './config.js';
import { customerSchema } from './customer.js';
import { documentInstanceSchema } from './document-instance.js';
import { documentTemplateSchema } from './document-template.js';
import { notificationSchema } from './notification.js';
import { policyTransactionSchema } from './policy-transaction.js';
import { policySchema } from './policy.js';
import { renewalSchema } from './renewal.js';
import { taskSchema } from './task.js';
import { timelineEventSchema } from './timeline-event.js';
import { workerSchema } from './worker.js';

/**
 * Every collection's JSON schema: what the devices' RxDB opens, and the versions the server
 * stores and checks each device's sync against.
 */
export const COLLECTION_SCHEMAS = {
  customers: customerSchema,
  renewals: renewalSchema,
  events: timelineEventSchema,
  tasks: taskSchema,
  notifications: notificationSchema,
  config: configSchema,
  workers: workerSchema,
  templates: documentTemplateSchema,
  instances: documentInstanceSchema,
  policies: policySchema,
  transactions: policyTransactionSchema,
  autorenewals: autoRenewalSchema,
} as const satisfies Record<CollectionName, { version: number }>;

/** The schema version of each collection, as this build stores it. */
export function schemaVersionOf(collection: CollectionName): number {
  return COLLECTION_SCHEMAS[collection].version;
}
