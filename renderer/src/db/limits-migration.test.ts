import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { verifyContent } from '../../../shared/documents/lifecycle';
import type { CollectionName } from '../../../shared/jobs/store';
import { COLLECTION_SCHEMAS } from '../../../shared/schema/collections';
import type { TemplateVersion } from '../../../shared/schema/document-template';
import {
  migrateFrom,
  RECORDS_BEFORE_LIMITS,
  SCHEMAS_BEFORE_LIMITS,
} from '../../../shared/schema/fixtures/before-limits.test-support';
import { openDatabase, type MigrationProgress } from './database';

const COLLECTIONS = Object.keys(COLLECTION_SCHEMAS) as CollectionName[];

/** Writes the fixtures into a database at the previous build's schemas, as that build did. */
async function previousBuildDatabase() {
  const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
  const name = `nolapse-limits-${Math.random().toString(36).slice(2)}`;
  const old = await createRxDatabase({ name, storage: getRxStorageDexie(indexedDB) });
  await old.addCollections(
    Object.fromEntries(
      COLLECTIONS.map((c) => [c, { schema: structuredClone(SCHEMAS_BEFORE_LIMITS[c]) as never }]),
    ),
  );
  for (const c of COLLECTIONS) {
    const result = await old.collections[c]!.bulkInsert(structuredClone(RECORDS_BEFORE_LIMITS[c]));
    expect(result.error, c).toEqual([]);
  }
  await old.close();
  return { name, indexedDB };
}

describe('opening data the previous build stored, in production mode', () => {
  it(
    'migrates every collection by the shared steps, keeping what no longer fits',
    { timeout: 60_000 },
    async () => {
      const { name, indexedDB } = await previousBuildDatabase();
      const progress: MigrationProgress[] = [];
      // Validation on, dev-mode off: as the app opens its data.
      const db = await openDatabase({
        name,
        indexedDB,
        onMigrationProgress: (p) => progress.push(p),
      });
      try {
        for (const c of COLLECTIONS) {
          const stored = (await db.collections[c].find().exec()).map(
            (d) => d.toMutableJSON() as Record<string, unknown>,
          );
          const expected = RECORDS_BEFORE_LIMITS[c].map((r) =>
            migrateFrom(c, SCHEMAS_BEFORE_LIMITS[c].version, r),
          );
          const byId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
            String(a.id).localeCompare(String(b.id));
          expect(
            [...stored].sort(byId),
            `${c} after migration to version ${COLLECTION_SCHEMAS[c].version}`,
          ).toEqual([...expected].sort(byId));
        }
        expect(new Set(progress.map((p) => p.collection))).toEqual(new Set(COLLECTIONS));
        expect(progress.find((p) => p.collection === 'renewals' && p.handled === 3)).toEqual({
          collection: 'renewals',
          handled: 3,
          total: 3,
        });
        // The 0026 typo reads as before, and is kept as typed for someone to check.
        const renewal = (await db.renewals.findOne('ren_0026').exec())!;
        expect(renewal.dueDate).toBe('1926-03-15');
        expect(renewal.keptByMigration?.[0]).toMatchObject({
          field: 'dueDate',
          value: '0026-03-15',
        });
        // The signed document still verifies under the rule it was signed with.
        const instance = (await db.instances
          .findOne('doc:tpl_nda:wrk_ada')
          .exec())!.toMutableJSON();
        const template = (await db.templates.findOne('tpl_nda').exec())!.toJSON();
        expect(instance.hashVersion).toBeUndefined();
        expect(verifyContent(instance, template.versions[0] as TemplateVersion)).toBe(true);
        // Migrated records are current: they can be changed and saved.
        await renewal.incrementalPatch({ dueDate: '2026-03-15' });
        expect((await db.renewals.findOne('ren_0026').exec())!.dueDate).toBe('2026-03-15');
      } finally {
        await db.close();
      }
      // Opening again migrates nothing more.
      const again = await openDatabase({
        name,
        indexedDB,
        onMigrationProgress: () => {
          throw new Error('no second migration expected');
        },
      });
      expect(await again.customers.count().exec()).toBe(RECORDS_BEFORE_LIMITS.customers.length);
      await again.close();
    },
  );
});
