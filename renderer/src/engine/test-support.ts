import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { NotificationRequest } from '../../../shared/ipc';
import { openDatabase } from '../db/database';
import { localData } from '../db/local-data';
import { createEngine } from './engine';

let counter = 0;

/**
 * A real RxDB database on Dexie over fake-indexeddb (the only IndexedDB Node has), a clock the
 * test moves, and a platform port that records what would reach the tray: Electron cannot run here.
 */
export async function engineForTest(start = '2026-01-10T08:00:00.000Z') {
  const db = await openDatabase({
    name: `nolapse-test-${++counter}-${Math.random().toString(36).slice(2)}`,
    indexedDB: { indexedDB: new IDBFactory(), IDBKeyRange },
    validate: true,
  });
  const data = localData(db);
  let now = start;
  const notified: NotificationRequest[] = [];
  let ids = 0;
  const engine = createEngine({
    data,
    platform: {
      notify: async (n) => void notified.push(n),
      setBadge: async () => undefined,
    },
    clock: { now: () => now },
    newId: (prefix) => `${prefix}_${++ids}`,
    systemTimeZone: 'UTC',
  });
  return {
    db,
    data,
    engine,
    notified,
    setNow(instant: string) {
      now = instant;
    },
    async close() {
      await db.close();
    },
  };
}
