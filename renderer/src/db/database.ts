import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName, Records } from '../../../shared/jobs/store';
import { COLLECTION_SCHEMAS } from '../../../shared/schema/collections';
import { MIGRATIONS } from '../../../shared/schema/migrations';
import { OFFICE_CONFIG_ID, type OfficeSettings } from '../../../shared/office';
import { conflictEvent, ownerOf } from '../../../shared/sync/conflicts/index';
import { localDateIn, systemTimeZone } from '../../../shared/time';
import { conflictHandlers, type OverwrittenListener } from './conflict-handlers';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
// Several windows of one device share the database; only the elected one replicates it.
addRxPlugin(RxDBLeaderElectionPlugin);

/**
 * The product's collections, typed with the domain records the schemas derive. RxDB open
 * source allows 13 per page; NoLapse uses 12 and keeps one spare. `notifications` is the
 * device-local ledger and never replicates.
 */
export type NoLapseCollections = { [C in CollectionName]: RxCollection<Records[C]> };
export type NoLapseDatabase = RxDatabase<NoLapseCollections>;

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
  // Settling a sync conflict that overwrote someone's edit leaves a fact on the timeline.
  let database: NoLapseDatabase | null = null;
  const onOverwritten: OverwrittenListener = (collection, record, overwritten) => {
    if (database) void recordOverwrite(database, collection, record, overwritten);
  };
  const handlers = conflictHandlers(onOverwritten);
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
        {
          schema,
          migrationStrategies: MIGRATIONS[name] ?? {},
          ...(handlers[name as CollectionName]
            ? { conflictHandler: handlers[name as CollectionName] }
            : {}),
        },
      ]),
    ) as never,
  );
  database = db;
  return db;
}

/** Writes the EDIT_OVERWRITTEN event of a settled conflict, once (its id is deterministic). */
async function recordOverwrite(
  db: NoLapseDatabase,
  collection: Parameters<OverwrittenListener>[0],
  record: Record<string, unknown>,
  overwritten: Parameters<OverwrittenListener>[2],
) {
  let customerId = ownerOf(collection, record);
  if (!customerId && typeof record.policyId === 'string')
    customerId = (await db.policies.findOne(record.policyId).exec())?.customerId ?? null;
  if (!customerId) return;
  const office = (await db.config.findOne(OFFICE_CONFIG_ID).exec())?.toJSON().value as
    OfficeSettings | undefined;
  const at = new Date().toISOString();
  const event = conflictEvent({
    collection,
    recordId: String(record.id),
    customerId,
    overwritten,
    at,
    today: localDateIn(at, office?.timeZone ?? systemTimeZone()),
    names: (field, value) =>
      field === 'assigneeId' ? (office?.staff.find((s) => s.id === value)?.name ?? null) : null,
  });
  await db.events.bulkInsert([event]);
}
