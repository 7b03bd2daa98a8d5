import { COLLECTION_SCHEMAS } from '../../shared/schema/collections.js';
import { MIGRATIONS } from '../../shared/schema/migrations.js';
import { SYNCED_COLLECTIONS } from '../../shared/sync/protocol.js';
import type { Database } from './database.js';

const RECORD_MIGRATION_LOCK = 7_262_002;
const BATCH = 500;

/**
 * Brings every office's records up to the schema versions this server stores, with the same
 * pure steps the devices' RxDB runs on open. A migrated record gets a new sequence, so devices
 * pull it. A collection this database has never recorded a version for is taken as current
 * (its records were written by this build). Returns what it migrated, per collection.
 */
export async function migrateRecords(
  db: Database,
  schemas: Readonly<Record<string, { version: number }>> = COLLECTION_SCHEMAS,
): Promise<Record<string, number>> {
  const migrated: Record<string, number> = {};
  for (const collection of SYNCED_COLLECTIONS) {
    const target = schemas[collection]?.version ?? 0;
    await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [RECORD_MIGRATION_LOCK]);
      const { rows } = await tx.query<{ version: number }>(
        'select version from collection_versions where collection = $1',
        [collection],
      );
      const stored = rows[0]?.version;
      if (stored === undefined) {
        await tx.query('insert into collection_versions (collection, version) values ($1, $2)', [
          collection,
          target,
        ]);
        return;
      }
      if (stored >= target) return;
      const steps = Array.from({ length: target - stored }, (_, i) => {
        const step = MIGRATIONS[collection]?.[stored + i + 1];
        if (!step)
          throw new Error(
            `No migration of ${collection} to version ${stored + i + 1}: add it to shared/schema/migrations.ts.`,
          );
        return step;
      });
      let count = 0;
      let after = '';
      let afterOffice = '';
      for (;;) {
        const page = await tx.query<{
          office_id: string;
          id: string;
          data: Record<string, unknown>;
        }>(
          `select office_id, id, data from docs
           where collection = $1 and (office_id, id) > ($2, $3)
           order by office_id, id limit ${BATCH}`,
          [collection, afterOffice, after],
        );
        if (page.rows.length === 0) break;
        for (const row of page.rows) {
          const data = steps.reduce((record, step) => step(record), row.data);
          await tx.query(
            `update docs set data = $4::jsonb, seq = nextval('doc_seq')
             where office_id = $1 and collection = $2 and id = $3`,
            [row.office_id, collection, row.id, JSON.stringify(data)],
          );
          count += 1;
        }
        const last = page.rows[page.rows.length - 1]!;
        afterOffice = last.office_id;
        after = last.id;
      }
      await tx.query('update collection_versions set version = $2 where collection = $1', [
        collection,
        target,
      ]);
      migrated[collection] = count;
    });
  }
  return migrated;
}
