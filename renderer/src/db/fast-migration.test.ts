import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMAS } from '../../../shared/schema/collections';
import {
  migrateFrom,
  RECORDS_BEFORE_LIMITS,
  SCHEMAS_BEFORE_LIMITS,
} from '../../../shared/schema/fixtures/before-limits.test-support';
import { MIGRATIONS } from '../../../shared/schema/migrations';
import { openDatabase } from './database';

type Row = Record<string, unknown> & { id: string; _deleted: boolean };

/**
 * An office server reduced to what RxDB's replication needs, in memory: pull by a sequence
 * number, push applying every row. It counts what devices push and pull.
 */
function memoryMaster(version: () => number) {
  const rows: { seq: number; doc: Row }[] = [];
  let seq = 0;
  const stats = { pushed: 0, pulled: 0 };
  return {
    stats,
    rows,
    /** The server migrates its own copy, as server/db/record-migrations.ts does. */
    migrate(from: number) {
      for (const row of rows) {
        const { _deleted, ...record } = row.doc;
        row.doc = { ...migrateFrom('renewals', from, record), _deleted } as Row;
      }
    },
    replicate(collection: RxCollection) {
      return replicateRxCollection<Row, { seq: number }>({
        collection: collection as never,
        replicationIdentifier: 'nolapse-sync:memory:renewals',
        live: false,
        pull: {
          async handler(checkpoint, limit) {
            const page = rows.filter((r) => r.seq > (checkpoint?.seq ?? 0)).slice(0, limit);
            stats.pulled += page.length;
            return {
              documents: page.map((r) => r.doc),
              checkpoint: { seq: page.at(-1)?.seq ?? checkpoint?.seq ?? 0 },
            };
          },
        },
        push: {
          async handler(changes) {
            expect(version()).toBeGreaterThan(0);
            stats.pushed += changes.length;
            for (const change of changes) {
              const doc = change.newDocumentState as Row;
              const at = rows.findIndex((r) => r.doc.id === doc.id);
              if (at >= 0) rows.splice(at, 1);
              rows.push({ seq: ++seq, doc });
            }
            return [];
          },
        },
      });
    },
  };
}

describe('migrating at start-up in bulk', () => {
  it(
    'keeps the sync’s place: after the migration it syncs no more than a plain restart',
    { timeout: 60_000 },
    async () => {
      const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
      const name = `nolapse-fast-${Math.random().toString(36).slice(2)}`;
      let serverVersion = SCHEMAS_BEFORE_LIMITS.renewals.version;
      const master = memoryMaster(() => serverVersion);

      // The previous build: renewals at its schema, synced with the office.
      const old = await createRxDatabase({ name, storage: getRxStorageDexie(indexedDB) });
      await old.addCollections({
        renewals: { schema: structuredClone(SCHEMAS_BEFORE_LIMITS.renewals) as never },
      });
      await old.renewals!.bulkInsert(structuredClone(RECORDS_BEFORE_LIMITS.renewals));
      const before = master.replicate(old.renewals!);
      await before.awaitInitialReplication();
      // Pull once more, so the device's checkpoint is past its own pushes.
      before.reSync();
      await before.awaitInSync();
      await before.cancel();
      expect(master.stats.pushed).toBe(RECORDS_BEFORE_LIMITS.renewals.length);
      await old.close();
      // What a restart without any migration syncs, to compare with.
      const again = await createRxDatabase({ name, storage: getRxStorageDexie(indexedDB) });
      await again.addCollections({
        renewals: { schema: structuredClone(SCHEMAS_BEFORE_LIMITS.renewals) as never },
      });
      master.stats.pushed = 0;
      master.stats.pulled = 0;
      const restart = master.replicate(again.renewals!);
      await restart.awaitInitialReplication();
      await restart.cancel();
      await again.close();
      const plainRestart = { ...master.stats };
      expect(plainRestart.pushed).toBe(0);

      // Both sides upgrade: the server migrates its copy, the device on open.
      master.migrate(serverVersion);
      serverVersion = COLLECTION_SCHEMAS.renewals.version;
      master.stats.pushed = 0;
      master.stats.pulled = 0;
      const db = await openDatabase({ name, indexedDB });
      try {
        expect((await db.renewals.findOne('ren_0026').exec())!.dueDate).toBe('1926-03-15');
        const after = master.replicate(db.renewals as never);
        await after.awaitInitialReplication();
        // Its replication state was migrated with it: it pushes nothing it already pushed.
        expect(master.stats.pushed).toBe(0);
        expect(master.stats.pulled).toBeLessThanOrEqual(plainRestart.pulled);
        await after.cancel();
        // And it keeps syncing: an edit goes up once.
        await (await db.renewals.findOne('ren_snoozed').exec())!.incrementalPatch({
          notes: 'Called',
        });
        const next = master.replicate(db.renewals as never);
        await next.awaitInitialReplication();
        await next.cancel();
        expect(master.stats.pushed).toBe(1);
        expect(master.rows.find((r) => r.doc.id === 'ren_snoozed')!.doc.notes).toBe('Called');
      } finally {
        await db.close();
      }
    },
  );

  it(
    'leaves the old data in place when a record cannot be migrated, and finishes on the next start',
    { timeout: 60_000 },
    async () => {
      const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
      const name = `nolapse-fast-${Math.random().toString(36).slice(2)}`;
      const old = await createRxDatabase({ name, storage: getRxStorageDexie(indexedDB) });
      await old.addCollections({
        customers: { schema: structuredClone(SCHEMAS_BEFORE_LIMITS.customers) as never },
      });
      await old.customers!.bulkInsert(structuredClone(RECORDS_BEFORE_LIMITS.customers));
      await old.close();

      // A build whose step breaks on one record (here: by hand) must not start, nor lose it.
      const step = MIGRATIONS.customers[1]!;
      MIGRATIONS.customers[1] = (record) =>
        record.id === 'cus_jan' ? { ...record, name: 7 } : step(record);
      try {
        await expect(openDatabase({ name, indexedDB, migrationBatchSize: 1 })).rejects.toThrow(
          'NoLapse could not update record cus_jan of customers to this version: name: must be text, not a whole number. Your data is unchanged; keep using the previous version and report this.',
        );
      } finally {
        MIGRATIONS.customers[1] = step;
      }
      const db = await openDatabase({ name, indexedDB, migrationBatchSize: 1 });
      try {
        const stored = (await db.customers.find().exec()).map((d) => d.toMutableJSON());
        expect(stored.map((c) => c.id).sort()).toEqual(['cus_elif', 'cus_jan']);
        expect(stored.find((c) => c.id === 'cus_elif')!.keptByMigration).toHaveLength(3);
      } finally {
        await db.close();
      }
    },
  );
});
