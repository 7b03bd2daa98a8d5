import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName, Records } from '../../../shared/jobs/store';
import { autoRenewalSchema } from '../../../shared/schema/auto-renewal';
import { configSchema } from '../../../shared/schema/config';
import { customerSchema } from '../../../shared/schema/customer';
import { documentInstanceSchema } from '../../../shared/schema/document-instance';
import { documentTemplateSchema } from '../../../shared/schema/document-template';
import { MIGRATIONS } from '../../../shared/schema/migrations';
import { notificationSchema } from '../../../shared/schema/notification';
import { policySchema } from '../../../shared/schema/policy';
import { policyTransactionSchema } from '../../../shared/schema/policy-transaction';
import { renewalSchema } from '../../../shared/schema/renewal';
import { taskSchema } from '../../../shared/schema/task';
import { timelineEventSchema } from '../../../shared/schema/timeline-event';
import { workerSchema } from '../../../shared/schema/worker';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

/**
 * The product's collections, typed with the domain records the schemas derive. RxDB open
 * source allows 13 per page; NoLapse uses 12 and keeps one spare. `notifications` is the
 * device-local ledger and never replicates.
 */
export type NoLapseCollections = { [C in CollectionName]: RxCollection<Records[C]> };
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
} as const satisfies Record<CollectionName, unknown>;

export type DatabaseOptions = {
  name: string;
  /** IndexedDB implementation: the browser's by default, fake-indexeddb in Node tests. */
  indexedDB?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };
  /** Schema validation and RxDB's dev-mode checks: development and tests only. */
  validate?: boolean;
};

let devModeAdded = false;

/**
 * Opens the local database, migrating records of older schema versions. Every IndexedDB
 * transaction uses strict durability so a write the UI has confirmed survives a crash or a
 * power cut. Local documents hold the device's job journal.
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
    localDocuments: true,
  });
  await db.addCollections(
    Object.fromEntries(
      Object.entries(COLLECTION_SCHEMAS).map(([name, schema]) => [
        name,
        { schema, migrationStrategies: MIGRATIONS[name] ?? {} },
      ]),
    ) as never,
  );
  return db;
}
