import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections.js';
import { createOffice } from '../auth/offices.js';
import type { Database } from './database.js';
import { migrateRecords } from './record-migrations.js';
import { pgliteForTest } from './test-databases.test-support.js';

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
