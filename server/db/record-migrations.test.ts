import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections.js';
import {
  migrateFrom,
  RECORDS_BEFORE_LIMITS,
  SCHEMAS_BEFORE_LIMITS,
} from '../../shared/schema/fixtures/before-limits.test-support.js';
import { recordValidator } from '../../shared/schema/record-validator.js';
import { SYNCED_COLLECTIONS } from '../../shared/sync/protocol.js';
import { createOffice } from '../auth/offices.js';
import type { Database } from './database.js';
import { migrateRecords } from './record-migrations.js';
import { pgliteForTest, TEST_DATABASES } from './test-databases.test-support.js';

describe('records stored in an older schema version', () => {
  let db: Database;
  let officeId: string;
  beforeAll(async () => {
    db = await pgliteForTest();
    officeId = (await createOffice(db, { name: 'Upgrade office', timeZone: 'UTC' })).officeId;
  }, 60_000);
  afterAll(() => db.close());

  const policyV0 = {
    id: 'pol_old',
    customerId: 'cus_1',
    number: 'P-1',
    terms: [],
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
  };

  it('take the current versions on a new database, and migrate nothing', async () => {
    expect(await migrateRecords(db)).toEqual({});
    const { rows } = await db.query<{ collection: string; version: number }>(
      'select collection, version from collection_versions order by collection',
    );
    expect(rows.find((r) => r.collection === 'policies')?.version).toBe(
      COLLECTION_SCHEMAS.policies.version,
    );
  });

  it('are migrated by the devices’ own steps and get a new sequence, once', async () => {
    await db.query("update collection_versions set version = 0 where collection = 'policies'");
    await db.query(
      `insert into docs (office_id, collection, id, data) values ($1, 'policies', $2, $3::jsonb)`,
      [officeId, policyV0.id, JSON.stringify(policyV0)],
    );
    const seqOf = async () =>
      Number(
        (
          await db.query<{ seq: string }>(
            "select seq from docs where collection = 'policies' and id = 'pol_old'",
          )
        ).rows[0]!.seq,
      );
    const before = await seqOf();

    expect(await migrateRecords(db)).toEqual({ policies: 1 });
    const { rows } = await db.query<{ data: Record<string, unknown> }>(
      "select data from docs where collection = 'policies' and id = 'pol_old'",
    );
    expect(rows[0]!.data).toEqual({ ...policyV0, state: 'active' });
    expect(await seqOf()).toBeGreaterThan(before);
    expect(await migrateRecords(db)).toEqual({});
  });

  it('refuse to start when a step is missing, naming it', async () => {
    await expect(
      migrateRecords(db, { ...COLLECTION_SCHEMAS, renewals: { version: 99 } }),
    ).rejects.toThrow(/No migration of renewals to version/);
  });
});

describe.each(TEST_DATABASES)('the previous build’s records on %s', (_name, open) => {
  let db: Database;
  let drop: () => Promise<void>;
  let officeId: string;
  beforeAll(async () => {
    ({ db, drop } = await open());
    officeId = (await createOffice(db, { name: 'Limits office', timeZone: 'UTC' })).officeId;
    await migrateRecords(db);
  }, 60_000);
  afterAll(() => drop());

  it('are fitted by the same steps as on the devices, each a record the new schema accepts', async () => {
    for (const collection of SYNCED_COLLECTIONS) {
      await db.query('update collection_versions set version = $2 where collection = $1', [
        collection,
        SCHEMAS_BEFORE_LIMITS[collection].version,
      ]);
      for (const record of RECORDS_BEFORE_LIMITS[collection])
        await db.query(
          `insert into docs (office_id, collection, id, data) values ($1, $2, $3, $4::jsonb)
           on conflict (office_id, collection, id) do update set data = excluded.data`,
          [officeId, collection, record.id, JSON.stringify(record)],
        );
    }
    const migrated = await migrateRecords(db);
    for (const collection of SYNCED_COLLECTIONS) {
      expect(migrated[collection], collection).toBe(RECORDS_BEFORE_LIMITS[collection].length);
      const { rows } = await db.query<{ data: Record<string, unknown> }>(
        'select data from docs where office_id = $1 and collection = $2 order by id',
        [officeId, collection],
      );
      const expected = RECORDS_BEFORE_LIMITS[collection]
        .map((r) => migrateFrom(collection, SCHEMAS_BEFORE_LIMITS[collection].version, r))
        .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
      expect(
        rows.map((r) => r.data),
        collection,
      ).toEqual(expected);
      const validate = recordValidator(COLLECTION_SCHEMAS[collection]);
      for (const row of rows) expect(validate(row.data), String(row.data.id)).toEqual([]);
    }
    const renewal = await db.query<{ data: { dueDate: string; keptByMigration: unknown[] } }>(
      "select data from docs where collection = 'renewals' and id = 'ren_0026'",
    );
    expect(renewal.rows[0]!.data.dueDate).toBe('1926-03-15');
    expect(renewal.rows[0]!.data.keptByMigration).toHaveLength(1);
  });
});
