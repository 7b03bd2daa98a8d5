import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections.js';
import {
  migrateFrom,
  RECORDS_BEFORE_LIMITS,
  SCHEMAS_BEFORE_LIMITS,
} from '../../shared/schema/fixtures/before-limits.test-support.js';
import { MIGRATIONS, type Migration } from '../../shared/schema/migrations.js';
import { recordValidator } from '../../shared/schema/record-validator.js';
import { SYNCED_COLLECTIONS } from '../../shared/sync/protocol.js';
import { createOffice } from '../auth/offices.js';
import type { Database, Queryable } from './database.js';
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
    const seqsWritten = await seqsOf(db, officeId);
    const migrated = await migrateRecords(db);
    const seqsMigrated = await seqsOf(db, officeId);
    for (const collection of SYNCED_COLLECTIONS) {
      const changed = RECORDS_BEFORE_LIMITS[collection]
        .filter((r) => {
          const after = migrateFrom(collection, SCHEMAS_BEFORE_LIMITS[collection].version, r);
          return JSON.stringify(after) !== JSON.stringify(r);
        })
        .map((r) => `${collection}/${String(r.id)}`);
      const moved = [...seqsMigrated]
        .filter(([key, seq]) => key.startsWith(`${collection}/`) && seq !== seqsWritten.get(key))
        .map(([key]) => key);
      expect(moved.sort(), collection).toEqual(changed.sort());
      expect(migrated[collection], collection).toBe(changed.length);
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

/** Every record's sequence, by '<collection>/<id>'. */
async function seqsOf(db: Queryable, officeId: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ collection: string; id: string; seq: string }>(
    'select collection, id, seq::text as seq from docs where office_id = $1',
    [officeId],
  );
  return new Map(rows.map((r) => [`${r.collection}/${r.id}`, r.seq]));
}

/** `db`, with `before(sql, tx)` called ahead of every statement, in a transaction or not. */
function watched(db: Database, before: (sql: string, tx: Queryable) => Promise<void>): Database {
  const watch = (target: Queryable): Queryable => ({
    async query(sql, params) {
      await before(sql, target);
      return target.query(sql, params);
    },
  });
  return { ...db, ...watch(db), transaction: (work) => db.transaction((tx) => work(watch(tx))) };
}

const RENEWALS = 1_200;
/** Due dates an earlier build accepted and version 2 fits (years 0-99 counted as 1900-1999). */
const TWO_DIGIT_YEARS = ['ren_0007', 'ren_0650', 'ren_1199'];

describe.each(TEST_DATABASES)('an upgrade of renewals on %s', (name, open) => {
  let db: Database;
  let drop: () => Promise<void>;
  let officeId: string;
  beforeAll(async () => {
    ({ db, drop } = await open());
    officeId = (await createOffice(db, { name: 'Queue office', timeZone: 'UTC' })).officeId;
    await migrateRecords(db);
  }, 60_000);
  afterAll(() => drop());

  /** The office's renewals, stored by a build at `version`: three pages of the migration. */
  async function storeRenewalsAt(version: number) {
    await db.query("delete from docs where collection = 'renewals'");
    await db.query(
      `insert into docs (office_id, collection, id, data)
       select $1, 'renewals', id, jsonb_build_object(
         'id', id, 'customerId', 'cus_' || (g % 50), 'serviceType', 'RESIDENCE_PERMIT',
         'dueDate', case when id = any($3) then '0027-03-15' else '2027-03-15' end,
         'status', 'ACTIVE', 'stage', 'T30', 'nextStageOn', '2027-02-13', 'assigneeId', 'ayse',
         'notes', '', 'complianceFlag', false, 'createdAt', '2026-01-05T09:00:00.000Z',
         'updatedAt', '2026-02-15T10:30:00.000Z')
       from generate_series(1, $2::int) g, lpad(g::text, 4, '0') n, concat('ren_', n) id`,
      [officeId, RENEWALS, TWO_DIGIT_YEARS],
    );
    await db.query("update collection_versions set version = $1 where collection = 'renewals'", [
      version,
    ]);
  }
  const renewalSeqs = async () =>
    new Map([...(await seqsOf(db, officeId))].filter(([key]) => key.startsWith('renewals/')));
  const renewalsVersion = async () =>
    (
      await db.query<{ version: number }>(
        "select version from collection_versions where collection = 'renewals'",
      )
    ).rows[0]!.version;
  const dataOf = async (id: string) =>
    (
      await db.query<{ data: Record<string, unknown> }>(
        "select data from docs where collection = 'renewals' and id = $1",
        [id],
      )
    ).rows[0]!.data;
  /** Version 3 made a step that changes records: every renewal of a given assignee is moved. */
  const reassignEverySeventh = (onRecord: (id: string) => void = () => undefined) => ({
    ...MIGRATIONS,
    renewals: {
      ...MIGRATIONS.renewals,
      3: ((record) => {
        onRecord(String(record.id));
        return Number(String(record.id).slice(4)) % 7 === 0
          ? { ...record, assigneeId: `${String(record.assigneeId)}+` }
          : record;
      }) satisfies Migration,
    },
  });
  const everySeventh = Array.from({ length: RENEWALS }, (_, i) => i + 1)
    .filter((n) => n % 7 === 0)
    .map((n) => `renewals/ren_${String(n).padStart(4, '0')}`);
  const moved = (before: Map<string, string>, after: Map<string, string>) =>
    [...after].filter(([key, seq]) => seq !== before.get(key)).map(([key]) => key);

  beforeEach(() => storeRenewalsAt(2));

  it('raise an index-only version without reading a record, and every sequence stays', async () => {
    const before = await renewalSeqs();
    const statements: string[] = [];
    const result = await migrateRecords(watched(db, async (sql) => void statements.push(sql)));
    expect(result).toEqual({ renewals: 0 });
    expect(await renewalsVersion()).toBe(3);
    expect(statements.filter((sql) => /\bdocs\b/.test(sql))).toEqual([]);
    expect(await renewalSeqs()).toEqual(before);
    expect(before.size).toBe(RENEWALS);
  });

  it('rewrite only the records a step changes, and give only those a new sequence', async () => {
    await storeRenewalsAt(1);
    const before = await renewalSeqs();
    expect(await migrateRecords(db)).toEqual({ renewals: TWO_DIGIT_YEARS.length });
    const after = await renewalSeqs();
    expect(moved(before, after).sort()).toEqual(TWO_DIGIT_YEARS.map((id) => `renewals/${id}`));
    const highest = Math.max(...[...before.values()].map(Number));
    for (const id of TWO_DIGIT_YEARS) {
      expect(Number(after.get(`renewals/${id}`)), id).toBeGreaterThan(highest);
      const data = await dataOf(id);
      expect(data.dueDate, id).toBe('1927-03-15');
      expect(data.keptByMigration, id).toEqual([
        expect.objectContaining({ field: 'dueDate', value: '0027-03-15' }),
      ]);
    }
    expect((await dataOf('ren_0008')).dueDate).toBe('2027-03-15');
    expect(await renewalsVersion()).toBe(3);
    expect(await migrateRecords(db)).toEqual({});
  });

  it('leave every record and the version as they were when a run is cut short', async () => {
    const before = await renewalSeqs();
    await expect(
      migrateRecords(
        db,
        COLLECTION_SCHEMAS,
        reassignEverySeventh((id) => {
          // The second page: the first one's changes are already written in the transaction.
          if (id === 'ren_0900') throw new Error('server stopped');
        }),
      ),
    ).rejects.toThrow('server stopped');
    expect(await renewalsVersion()).toBe(2);
    expect(await renewalSeqs()).toEqual(before);
    expect((await dataOf('ren_0007')).assigneeId).toBe('ayse');

    expect(await migrateRecords(db, COLLECTION_SCHEMAS, reassignEverySeventh())).toEqual({
      renewals: everySeventh.length,
    });
    expect(moved(before, await renewalSeqs()).sort()).toEqual(everySeventh.sort());
    expect(await renewalsVersion()).toBe(3);
  });

  it('migrate each record once when two servers start at the same time', async () => {
    const before = await renewalSeqs();
    const runs = await Promise.all([
      migrateRecords(db, COLLECTION_SCHEMAS, reassignEverySeventh()),
      migrateRecords(db, COLLECTION_SCHEMAS, reassignEverySeventh()),
    ]);
    expect(runs.map((run) => run.renewals ?? null).sort()).toEqual([everySeventh.length, null]);
    expect(moved(before, await renewalSeqs()).sort()).toEqual(everySeventh.sort());
    expect((await dataOf('ren_0007')).assigneeId).toBe('ayse+');
    expect((await dataOf('ren_0008')).assigneeId).toBe('ayse');
  });

  it('keep a record written while the run was reading, never an older copy', async () => {
    // PGlite serves one connection, so there the write comes from within the transaction.
    const writer = (tx: Queryable): Queryable => (name === 'PGlite' ? tx : db);
    let written = false;
    const syncing = watched(db, async (sql, tx) => {
      if (written || !sql.includes('update docs as d')) return;
      written = true;
      await writer(tx).query(
        `update docs set data = jsonb_set(data, '{notes}', '"Called, sends the form"'),
           seq = nextval('doc_seq')
         where collection = 'renewals' and id = 'ren_0014'`,
      );
    });
    expect(await migrateRecords(syncing, COLLECTION_SCHEMAS, reassignEverySeventh())).toEqual({
      renewals: everySeventh.length - 1,
    });
    expect(await dataOf('ren_0014')).toMatchObject({
      notes: 'Called, sends the form',
      assigneeId: 'ayse',
    });
    expect((await dataOf('ren_0021')).assigneeId).toBe('ayse+');
  });
});
