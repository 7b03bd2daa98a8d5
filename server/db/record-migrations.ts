import { COLLECTION_SCHEMAS } from '../../shared/schema/collections.js';
import { MIGRATIONS, recordMigrationPlan, type Migration } from '../../shared/schema/migrations.js';
import { SYNCED_COLLECTIONS } from '../../shared/sync/protocol.js';
import type { Database, Queryable } from './database.js';

const RECORD_MIGRATION_LOCK = 7_262_002;
const BATCH = 500;

type StoredRecord = { office_id: string; id: string; seq: string; data: Record<string, unknown> };

/**
 * Brings every office's records up to the schema versions this server stores, with the same
 * pure steps the devices' RxDB runs on open. Only a record the steps actually change is
 * rewritten and gets a new sequence, so devices pull just those; when every step between the
 * stored and the new version is RECORDS_UNCHANGED, only the version is raised and no record is
 * read. A collection this database has never recorded a version for is taken as current (its
 * records were written by this build). Each collection moves in one transaction under an
 * advisory lock: a run cut short leaves it at its old version, and a second server starting at
 * the same time finds it done. Returns how many records it rewrote, per collection it raised.
 */
export async function migrateRecords(
  db: Database,
  schemas: Readonly<Record<string, { version: number }>> = COLLECTION_SCHEMAS,
  migrations: Readonly<Record<string, Readonly<Record<number, Migration>>>> = MIGRATIONS,
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
      const plan = recordMigrationPlan(collection, stored, target, migrations);
      if (plan.kind === 'missingStep')
        throw new Error(
          `No migration of ${collection} to version ${plan.version}: add it to shared/schema/migrations.ts.`,
        );
      const count = plan.kind === 'rewrite' ? await rewriteChanged(tx, collection, plan.steps) : 0;
      await tx.query('update collection_versions set version = $2 where collection = $1', [
        collection,
        target,
      ]);
      migrated[collection] = count;
    });
  }
  return migrated;
}

/** Runs `steps` over every record of `collection` and writes back those they change. */
async function rewriteChanged(
  tx: Queryable,
  collection: string,
  steps: readonly Migration[],
): Promise<number> {
  let count = 0;
  let after = '';
  let afterOffice = '';
  for (;;) {
    const page = await tx.query<StoredRecord>(
      `select office_id, id, seq::text as seq, data from docs
       where collection = $1 and (office_id, id) > ($2, $3)
       order by office_id, id limit ${BATCH}`,
      [collection, afterOffice, after],
    );
    if (page.rows.length === 0) break;
    const changed = page.rows.flatMap((row) => {
      const data = steps.reduce((record, step) => step(record), row.data);
      return sameJson(data, row.data) ? [] : [{ ...row, data }];
    });
    if (changed.length > 0) {
      // Only a row still at the sequence it was read at: one written meanwhile (a server of
      // the previous build still syncing) keeps what was written, never an older copy.
      const written = await tx.query(
        `update docs as d set data = u.data, seq = nextval('doc_seq')
         from jsonb_to_recordset($2::jsonb) as u(office_id text, id text, seq text, data jsonb)
         where d.collection = $1 and d.office_id = u.office_id and d.id = u.id
           and d.seq = u.seq::bigint
         returning d.id`,
        [collection, JSON.stringify(changed)],
      );
      count += written.rows.length;
    }
    const last = page.rows[page.rows.length - 1]!;
    afterOffice = last.office_id;
    after = last.id;
  }
  return count;
}

/**
 * Whether two records hold the same JSON, as jsonb compares it: key order and fields left
 * undefined make no difference. Anything else counts as a change, so a doubt means a rewrite.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((value, i) => sameJson(value, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  return (
    keys.length === Object.keys(right).filter((key) => right[key] !== undefined).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]))
  );
}
