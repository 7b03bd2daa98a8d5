import {
  fillWithDefaultSettings,
  getAllCollectionDocuments,
  getRxReplicationMetaInstanceSchema,
  hasEncryption,
  isBulkWriteConflictError,
  normalizeMangoQuery,
  overwritable,
  prepareQuery,
  writeSingle,
  type RxDatabase,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { describeProblems } from '../../../shared/schema/record-validator';
import { changedSince } from './feed-read';

type Doc = Record<string, unknown>;
type Step = (record: Doc) => Doc;

/** How far the migration of one collection is. */
export type MigrationProgress = { collection: string; handled: number; total: number };

/** A stored record no migration step could fit: the start stops here, nothing is lost. */
export class MigrationError extends Error {
  constructor(collection: string, id: string, problems: string) {
    super(
      `NoLapse could not update record ${id} of ${collection} to this version: ${problems}. Your data is unchanged; keep using the previous version and report this.`,
    );
    this.name = 'MigrationError';
  }
}

/** A collection's meta document in RxDB's internal store: its name, version and stored schema. */
type CollectionMeta = RxDocumentData<{
  id: string;
  key: string;
  context: string;
  data: {
    name: string;
    version: number;
    schema: RxJsonSchema<unknown>;
    connectedStorages: { collectionName: string; schema: RxJsonSchema<unknown> }[];
  };
}>;

/**
 * Brings collections stored at an older schema version to the current one before RxDB opens
 * them, in large bulk writes. RxDB's migration plugin copies old data through its replication
 * protocol, which took 9.6 s for 1k renewals and minutes for 10k here; this reads the old
 * storage in batches of `batchSize`, runs the same pure steps (shared/schema/migrations.ts),
 * and writes each batch in one transaction, through the validating storage, so every migrated
 * record is checked. It does what the plugin does, in the same order: the collection's records
 * first (keeping `_meta` and `_rev`, so sync checkpoints still hold), then its connected storages
 * (the sync's replication state, whose assumed server states are migrated too), then it drops
 * the old version's meta document, which is the point of no return. It returns the removal of
 * the old storages, which the caller runs once the app is open (deleting 100k old records took a
 * quarter of the time; RxDB never reads them again, and a removal cut short leaves only unused
 * tables).
 * Interrupted anywhere before that point, the next start copies again: records already copied
 * are kept (the steps are deterministic, so they are the same). Afterwards RxDB opens the
 * collections at their current version with nothing left to migrate.
 */
export async function migrateStoredCollections(options: {
  db: RxDatabase;
  storage: RxStorage<unknown, unknown>;
  schemas: Readonly<Record<string, RxJsonSchema<unknown> & { version: number }>>;
  steps: Readonly<Record<string, Readonly<Record<number, Step>>>>;
  batchSize: number;
  onProgress?: (progress: MigrationProgress) => void;
}): Promise<() => Promise<void>> {
  const { db, storage, schemas, steps, batchSize } = options;
  const leftovers: RxStorageInstance<Doc, unknown, unknown>[] = [];
  const metas = (await getAllCollectionDocuments(db.internalStore)) as unknown as CollectionMeta[];
  const open = (collectionName: string, schema: RxJsonSchema<unknown>) =>
    storage.createStorageInstance({
      databaseName: db.name,
      collectionName,
      databaseInstanceToken: db.token,
      multiInstance: db.multiInstance,
      options: {},
      schema: schema as RxJsonSchema<RxDocumentData<unknown>>,
      password: db.password,
      devMode: overwritable.isDevMode(),
    }) as Promise<RxStorageInstance<Doc, unknown, unknown>>;

  for (const [name, current] of Object.entries(schemas)) {
    const older = metas
      .filter((m) => m.data.name === name && m.data.version < current.version)
      .sort((a, b) => a.data.version - b.data.version);
    const oldest = older[0];
    if (!oldest) continue;
    const from = oldest.data.version;
    const migrate = (doc: Doc): Doc => {
      let record = doc;
      for (let version = from + 1; version <= current.version; version++) {
        const step = steps[name]?.[version];
        if (!step) throw new MigrationError(name, String(doc.id), `no step to version ${version}`);
        record = step(record);
      }
      return record;
    };
    const newSchema = fillWithDefaultSettings(current) as RxJsonSchema<unknown>;

    const oldInstance = await open(name, oldest.data.schema);
    const newInstance = await open(name, newSchema);
    const total = await countAll(oldInstance);
    let handled = 0;
    options.onProgress?.({ collection: name, handled, total });
    await copy(oldInstance, newInstance, batchSize, migrate, (count) => {
      handled += count;
      options.onProgress?.({ collection: name, handled: Math.min(handled, total), total });
    });
    await newInstance.close();

    const connected: RxStorageInstance<Doc, unknown, unknown>[] = [];
    for (const storageRef of oldest.data.connectedStorages) {
      const metaSchema = getRxReplicationMetaInstanceSchema(
        newSchema as never,
        hasEncryption(storageRef.schema),
      ) as RxJsonSchema<unknown>;
      const oldMeta = await open(storageRef.collectionName, storageRef.schema);
      const newMeta = await open(storageRef.collectionName, metaSchema);
      await copy(oldMeta, newMeta, batchSize, (row) =>
        row.isCheckpoint === '1' || !row.docData
          ? row
          : { ...row, docData: migrate(row.docData as Doc) },
      );
      await newMeta.close();
      connected.push(oldMeta);
    }

    // The point of no return: from here on RxDB sees only the current version.
    for (const meta of older) {
      try {
        await writeSingle(
          db.internalStore,
          { previous: meta as never, document: { ...meta, _deleted: true } as never },
          'nolapse-migration-done',
        );
      } catch (error) {
        // Another window finished the same migration first.
        if (!isBulkWriteConflictError(error)) throw error;
      }
    }
    leftovers.push(oldInstance, ...connected);
  }
  return async () => {
    for (const instance of leftovers)
      await instance.remove().catch(() => instance.close().catch(() => undefined));
  };
}

/** The records a collection holds (deleted ones aside), as RxDB's own migration counts them. */
async function countAll(instance: RxStorageInstance<Doc, unknown, unknown>): Promise<number> {
  const query = prepareQuery(
    instance.schema,
    normalizeMangoQuery(instance.schema, { selector: {} }),
  );
  return (await instance.count(query)).count;
}

/** Copies every record (deleted ones too), oldest write first, `batchSize` per transaction. */
async function copy(
  from: RxStorageInstance<Doc, unknown, unknown>,
  to: RxStorageInstance<Doc, unknown, unknown>,
  batchSize: number,
  migrate: (doc: Doc) => Doc,
  onBatch?: (count: number) => void,
) {
  let checkpoint: unknown = undefined;
  for (;;) {
    const page = await changedSince(from as never, batchSize, checkpoint as never);
    if (page.documents.length === 0) return;
    const rows = page.documents.map((doc) => ({
      document: migrate(doc as Doc) as RxDocumentData<Doc>,
    }));
    const result = await to.bulkWrite(rows, 'nolapse-migration');
    for (const error of result.error) {
      // Copied by an earlier, interrupted start (or another window): the same record.
      if (error.status === 409) continue;
      const problems =
        'validationErrors' in error && Array.isArray(error.validationErrors)
          ? describeProblems(
              (error.validationErrors as { field: string; message: string }[]).map((v) => ({
                path: v.field,
                message: v.message,
              })),
            )
          : `the database answered ${error.status}`;
      throw new MigrationError(to.collectionName, error.documentId, problems);
    }
    onBatch?.(page.documents.length);
    checkpoint = page.checkpoint;
  }
}
