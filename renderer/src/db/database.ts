import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { configSchema, type ConfigRecord } from '../../../shared/schema/config';
import { customerSchema, type Customer } from '../../../shared/schema/customer';
import {
  notificationSchema,
  type DeliveredNotification,
} from '../../../shared/schema/notification';
import { renewalSchema, type Renewal } from '../../../shared/schema/renewal';
import { taskSchema, type Task } from '../../../shared/schema/task';
import { timelineEventSchema, type TimelineEvent } from '../../../shared/schema/timeline-event';
import { workerSchema, type Worker } from '../../../shared/schema/worker';
import {
  documentTemplateSchema,
  type DocumentTemplate,
} from '../../../shared/schema/document-template';
import {
  documentInstanceSchema,
  type DocumentInstance,
} from '../../../shared/schema/document-instance';
import { policySchema, type PolicyRecord } from '../../../shared/schema/policy';
import {
  policyTransactionSchema,
  type PolicyTransactionRecord,
} from '../../../shared/schema/policy-transaction';
import { autoRenewalSchema, type AutoRenewalRecord } from '../../../shared/schema/auto-renewal';

addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * The product's collections. RxDB open source allows 13 per page; NoLapse uses 12 and keeps
 * one spare. `notifications` is the device-local ledger and never replicates.
 */
export type NoLapseCollections = {
  customers: RxCollection<Customer>;
  renewals: RxCollection<Renewal>;
  events: RxCollection<TimelineEvent>;
  tasks: RxCollection<Task>;
  notifications: RxCollection<DeliveredNotification>;
  config: RxCollection<ConfigRecord>;
  workers: RxCollection<Worker>;
  templates: RxCollection<DocumentTemplate>;
  instances: RxCollection<DocumentInstance>;
  policies: RxCollection<PolicyRecord>;
  transactions: RxCollection<PolicyTransactionRecord>;
  autorenewals: RxCollection<AutoRenewalRecord>;
};
export type NoLapseDatabase = RxDatabase<NoLapseCollections>;

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
} as const;

export type DatabaseOptions = {
  name: string;
  /** IndexedDB implementation: the browser's by default, fake-indexeddb in Node tests. */
  indexedDB?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };
  /** Schema validation and RxDB's dev-mode checks: development and tests only. */
  validate?: boolean;
};

let devModeAdded = false;

/**
 * Opens the local database. Every IndexedDB transaction uses strict durability so a write the
 * UI has confirmed survives a crash or a power cut.
 */
export async function openDatabase(options: DatabaseOptions): Promise<NoLapseDatabase> {
  let storage: RxStorage<unknown, unknown> = getRxStorageDexie({
    chromeTransactionDurability: 'strict',
    ...(options.indexedDB ?? {}),
  }) as RxStorage<unknown, unknown>;
  if (options.validate) {
    const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] =
      await Promise.all([import('rxdb/plugins/dev-mode'), import('rxdb/plugins/validate-ajv')]);
    if (!devModeAdded) {
      disableWarnings();
      addRxPlugin(RxDBDevModePlugin);
      devModeAdded = true;
    }
    storage = wrappedValidateAjvStorage({ storage });
  }
  const db = await createRxDatabase<NoLapseCollections>({
    name: options.name,
    storage,
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
    allowSlowCount: true,
  });
  await db.addCollections(
    Object.fromEntries(
      Object.entries(COLLECTION_SCHEMAS).map(([name, schema]) => [name, { schema }]),
    ) as never,
  );
  return db;
}
