import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName, Records } from '../../../shared/jobs/store';
import { COLLECTION_SCHEMAS } from '../../../shared/schema/collections';
import { MIGRATIONS } from '../../../shared/schema/migrations';
import { recordValidator, type RecordValidator } from '../../../shared/schema/record-validator';
import { OFFICE_CONFIG_ID, type OfficeSettings } from '../../../shared/office';
import { conflictEvent, ownerOf } from '../../../shared/sync/conflicts/index';
import { localDateIn, systemTimeZone } from '../../../shared/time';
import { conflictHandlers, type OverwrittenListener } from './conflict-handlers';
import { migrateStoredCollections, type MigrationProgress } from './fast-migration';
import { isQuotaError, StorageFullError } from './write-error';

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
  /**
   * Whether every write is checked against its collection's schema: on unless turned off, in
   * production too (people's writes, the jobs', sync pulls, migrations). Off only to measure
   * what the checks cost (bench/).
   */
  validate?: boolean;
  /** RxDB's dev-mode checks (slow and noisy): development and tests only. */
  devMode?: boolean;
  /** Migrates records of older schema versions this many per transaction (MIGRATION_BATCH_SIZE). */
  migrationBatchSize?: number;
  /** Told how far the migration of older data is, while there is one to run. */
  onMigrationProgress?: (progress: MigrationProgress) => void;
};

export type { MigrationProgress } from './fast-migration';

/** Records migrated per transaction at start-up (see migrateStoredCollections). */
export const MIGRATION_BATCH_SIZE = 5_000;

let devModeAdded = false;

/** The titles of NoLapse's own collection schemas: RxDB's internal instances are not ours to check. */
const OUR_SCHEMAS = new Set<string>(Object.values(COLLECTION_SCHEMAS).map((s) => s.title));
const validators = new Map<string, RecordValidator>();

function validatorOf(schema: { title?: string }): RecordValidator | null {
  if (!schema.title || !OUR_SCHEMAS.has(schema.title)) return null;
  const key = JSON.stringify(schema);
  let validator = validators.get(key);
  if (!validator) {
    validator = recordValidator(schema);
    validators.set(key, validator);
  }
  return validator;
}

/**
 * The storage every collection writes through. With `validate`, each written record is checked
 * against its collection's schema (RxDB's full storage schema: our fields plus `_meta`, `_rev`,
 * `_deleted`, `_attachments`) before anything is written; a record that fails is refused with
 * status 422 and its problems by field, the others are written. This is RxDB's storage
 * validation (as `wrappedValidateAjvStorage` does it) with NoLapse's own validator, because
 * ajv compiles validators with `new Function`, which the app's Content-Security-Policy
 * forbids. Every write that fails for lack of space, of any instance (the job journal too),
 * becomes a StorageFullError that says what to do.
 */
export function guardedStorage<I, O>(storage: RxStorage<I, O>, validate: boolean): RxStorage<I, O> {
  return {
    ...storage,
    // RxDB's dev-mode recognises a validating storage by this prefix.
    name: validate ? `validate-nolapse-${storage.name}` : `nolapse-${storage.name}`,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, O>,
    ): Promise<RxStorageInstance<RxDocType, I, O>> {
      const instance = await storage.createStorageInstance(params);
      const validator = validate ? validatorOf(params.schema as { title?: string }) : null;
      const primaryPath = params.schema.primaryKey;
      const idOf = (document: unknown) =>
        String(
          (document as Record<string, unknown>)[
            typeof primaryPath === 'string' ? primaryPath : primaryPath.key
          ],
        );
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        const refused: Awaited<ReturnType<typeof bulkWrite>>['error'] = [];
        let accepted = rows;
        if (validator) {
          accepted = [];
          for (const row of rows) {
            const problems = validator(row.document);
            if (problems.length === 0) accepted.push(row);
            else
              refused.push({
                status: 422,
                isError: true,
                documentId: idOf(row.document),
                writeRow: row,
                validationErrors: problems.map((p) => ({ field: p.path, message: p.message })),
                schema: params.schema,
                context,
              } as never);
          }
        }
        let result: Awaited<ReturnType<typeof bulkWrite>>;
        try {
          result = accepted.length > 0 ? await bulkWrite(accepted, context) : { error: [] };
        } catch (error) {
          if (isQuotaError(error)) throw new StorageFullError(error);
          throw error;
        }
        return refused.length > 0 ? { ...result, error: [...result.error, ...refused] } : result;
      };
      return instance;
    },
  };
}
/**
 * Opens the local database, migrating records of older schema versions. Every IndexedDB
 * transaction uses strict durability so a write the UI has confirmed survives a crash or a
 * power cut. Local documents hold the device's job journal.
 */
export async function openDatabase(options: DatabaseOptions): Promise<NoLapseDatabase> {
  const storage = guardedStorage(
    getRxStorageDexie({
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ?? {}),
    }) as RxStorage<unknown, unknown>,
    options.validate ?? true,
  );
  if (options.devMode) {
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    if (!devModeAdded) {
      disableWarnings();
      addRxPlugin(RxDBDevModePlugin);
      devModeAdded = true;
    }
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
  const removeOldStorages = await migrateStoredCollections({
    db: db as never,
    storage,
    schemas: COLLECTION_SCHEMAS as never,
    steps: MIGRATIONS,
    batchSize: options.migrationBatchSize ?? MIGRATION_BATCH_SIZE,
    ...(options.onMigrationProgress ? { onProgress: options.onMigrationProgress } : {}),
  });
  await db.addCollections(
    Object.fromEntries(
      Object.entries(COLLECTION_SCHEMAS).map(([name, schema]) => [
        name,
        {
          schema,
          migrationStrategies: MIGRATIONS[name as CollectionName],
          // Migrated above (migrateStoredCollections); RxDB's own migration only as a fallback below.
          autoMigrate: false,
          ...(handlers[name as CollectionName]
            ? { conflictHandler: handlers[name as CollectionName] }
            : {}),
        },
      ]),
    ) as never,
  );
  await migrateOlderRecords(db, options);
  database = db;
  removeOldStorages().catch((error: unknown) =>
    console.warn('NoLapse could not remove the data of an older version:', error),
  );
  return db;
}

/**
 * RxDB's own migration, for anything migrateStoredCollections left (nothing, normally): a
 * collection refuses writes until its migration is done, and a migration that fails stops the
 * start with RxDB's error. All collections are asked at once, not one after the other (which
 * waited for twelve answers in turn at every start). Each question reads after the one RxDB's
 * migration plugin asked when it created the collection, whose answer lets the collection take
 * writes; IndexedDB answers them in order, so once ours are in, the app can write.
 */
async function migrateOlderRecords(db: NoLapseDatabase, options: DatabaseOptions) {
  const names = Object.keys(COLLECTION_SCHEMAS) as CollectionName[];
  const needed = await Promise.all(names.map((name) => db.collections[name].migrationNeeded()));
  for (const [i, name] of names.entries()) {
    if (!needed[i]) continue;
    const collection = db.collections[name];
    const state = collection.getMigrationState();
    const progress = state.$.subscribe((status) =>
      options.onMigrationProgress?.({
        collection: name,
        handled: status.count.handled,
        total: status.count.total,
      }),
    );
    try {
      await state.migratePromise(options.migrationBatchSize ?? MIGRATION_BATCH_SIZE);
    } finally {
      progress.unsubscribe();
    }
  }
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
