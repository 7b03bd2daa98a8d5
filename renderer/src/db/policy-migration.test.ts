import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';

/** The policy schema as version 0 shipped it: no state, no cancellation. */
const policySchemaV0 = {
  title: 'policy',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    customerId: { type: 'string', maxLength: 120 },
    number: { type: 'string', maxLength: 60 },
    productName: { type: 'string' },
    assigneeId: { type: 'string', maxLength: 120 },
    terms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          termNumber: { type: 'integer', minimum: 1 },
          startTime: { type: 'string' },
          endTime: { type: 'string' },
        },
        required: ['termNumber', 'startTime', 'endTime'],
      },
    },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'customerId', 'number', 'productName', 'assigneeId', 'terms', 'updatedAt'],
  indexes: [['customerId', 'number'], 'number', 'assigneeId'],
} as const;

const storedV0 = {
  id: 'pol_1',
  customerId: 'cus_1',
  number: 'P-1',
  productName: 'Commercial auto',
  assigneeId: 'me',
  terms: [
    { termNumber: 1, startTime: '2026-01-01T00:00:00.000Z', endTime: '2027-01-01T00:00:00.000Z' },
  ],
  updatedAt: '2026-01-05T09:00:00.000Z',
};

describe('the policies collection on RxDB', () => {
  it('migrates a version-0 policy to version 1 as an active policy, keeping its terms', async () => {
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = `nolapse-migration-${Math.random().toString(36).slice(2)}`;
    const old = await createRxDatabase({
      name,
      storage: getRxStorageDexie(indexedDB),
      multiInstance: false,
    });
    await old.addCollections({ policies: { schema: policySchemaV0 } });
    await old.collections.policies!.insert(storedV0);
    await old.close();

    const db = await openDatabase({ name, indexedDB, devMode: true });
    try {
      const migrated = (await db.policies.findOne('pol_1').exec())?.toJSON();
      expect(migrated).toEqual({ ...storedV0, state: 'active' });
      // The migrated record is a full version-1 policy: it can be cancelled like any other.
      const doc = await db.policies.findOne('pol_1').exec();
      await doc!.incrementalPatch({
        state: 'cancelled',
        cancellation: {
          effectiveDate: '2026-06-01',
          effectiveTime: '2026-06-01T00:00:00.000Z',
          recordedAt: '2026-06-01T09:00:00.000Z',
        },
      });
      expect((await db.policies.findOne('pol_1').exec())?.state).toBe('cancelled');
    } finally {
      await db.close();
    }
  });
});
