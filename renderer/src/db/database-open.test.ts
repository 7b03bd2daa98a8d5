import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMAS } from '../../../shared/schema/collections';
import { openDatabase } from './database';

describe('opening the database', () => {
  it('takes writes in every collection as soon as it is open, with nothing to migrate', async () => {
    const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
    const name = `nolapse-open-${Math.random().toString(36).slice(2)}`;
    // The first start creates the collections; every start after it opens them as they are.
    await (await openDatabase({ name, indexedDB })).close();
    const db = await openDatabase({ name, indexedDB });
    try {
      // A collection whose migration check is still out refuses writes (RxDB's COL25).
      const writable = Object.values(db.collections).map((c) => !c.migrationInProgress);
      expect(writable).toEqual(Object.keys(COLLECTION_SCHEMAS).map(() => true));
      await db.collections.config.insert({
        id: 'probe',
        value: {},
        updatedAt: '2026-01-01T00:00:00.000Z',
      } as never);
      expect(await db.collections.config.findOne('probe').exec()).not.toBeNull();
    } finally {
      await db.close();
    }
  });
});
