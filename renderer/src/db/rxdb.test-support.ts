import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { StoreFactory } from '../../../shared/jobs/jobs.test-support';
import { openDatabase } from './database';
import { rxdbStore } from './rxdb-store';

let counter = 0;

/**
 * Opens a real RxDB database on Dexie over fake-indexeddb (the only IndexedDB Node has), with
 * schema validation and dev-mode on, each in its own IndexedDB factory so tests never share data.
 */
export async function openTestDatabase() {
  return openDatabase({
    name: `nolapse-test-${++counter}-${Math.random().toString(36).slice(2)}`,
    indexedDB: { indexedDB: new IDBFactory(), IDBKeyRange },
    devMode: true,
  });
}

export const rxdbStores: StoreFactory = async () => {
  const db = await openTestDatabase();
  return { store: rxdbStore(db), close: () => db.close().then(() => undefined) };
};

/** The index RxDB picks to count `selector` in `collection`, and whether it satisfies it alone. */
export function countPlan(
  collection: { count(query: never): unknown },
  selector: object,
): { index: string[]; selectorSatisfiedByIndex: boolean } {
  const query = collection.count({ selector } as never) as {
    getPreparedQuery(): { queryPlan: { index: string[]; selectorSatisfiedByIndex: boolean } };
  };
  return query.getPreparedQuery().queryPlan;
}
