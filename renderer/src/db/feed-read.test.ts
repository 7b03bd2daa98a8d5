import { IDBFactory, IDBIndex, IDBKeyRange } from 'fake-indexeddb';
import {
  createRxDatabase,
  getChangedDocumentsSince,
  type PreparedQuery,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { changedSince, type FeedCheckpoint } from './feed-read';

type Doc = { id: string; n: number };
const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 20 }, n: { type: 'number' } },
  required: ['id', 'n'],
} as const;

const opened: { close: () => Promise<unknown> }[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

/** A real RxDB collection on Dexie over fake-indexeddb, written in bulk and one by one. */
async function writtenCollection() {
  const db = await createRxDatabase({
    name: `feed-read-${Math.random().toString(36).slice(2)}`,
    storage: getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }),
  });
  opened.push(db);
  const { docs } = await db.addCollections({ docs: { schema } });
  const ids = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `d${String(from + i).padStart(4, '0')}`);
  // One large write (every record the same lwt), a few single writes, another bulk write,
  // then updates and a deletion of records from the first write (they move to the end).
  await docs!.bulkInsert(ids(100, 50).map((id) => ({ id, n: 0 })));
  for (const id of ids(10, 3)) await docs!.insert({ id, n: 0 });
  await docs!.bulkInsert(ids(200, 20).map((id) => ({ id, n: 0 })));
  await docs!.bulkUpsert(ids(120, 4).map((id) => ({ id, n: 1 })));
  await (await docs!.findOne('d0105').exec())!.remove();
  return docs!.storageInstance as unknown as RxStorageInstance<Doc, unknown, unknown>;
}

/** The instance as a storage other than Dexie would be: no Dexie state, only RxDB's query. */
function withoutDexie(instance: RxStorageInstance<Doc, unknown, unknown>) {
  return new Proxy(instance, {
    get: (target, property, receiver) =>
      property === 'internals' ? undefined : (Reflect.get(target, property, receiver) as unknown),
  });
}

/** Every document in write order, `step` at a time, by `read`. */
async function pages(
  read: (
    limit: number,
    checkpoint: FeedCheckpoint | undefined,
  ) => Promise<{
    documents: { id: string; _deleted: boolean; _meta: { lwt: number } }[];
    checkpoint: unknown;
  }>,
  step: number,
) {
  const seen: string[] = [];
  let checkpoint: FeedCheckpoint | undefined;
  for (let i = 0; i < 200; i++) {
    const page = await read(step, checkpoint);
    seen.push(...page.documents.map((d) => `${d.id}${d._deleted ? ' deleted' : ''}`));
    if (page.documents.length < step) return seen;
    checkpoint = page.checkpoint as FeedCheckpoint;
  }
  throw new Error('the feed never ended');
}

describe('changedSince', () => {
  it('pages through every write as RxDB does, whatever the step, across and within bulk writes', async () => {
    const instance = await writtenCollection();
    const all = await getChangedDocumentsSince(instance, 1000, undefined);
    // The premise: one bulk write gives its records one lwt (45 of its 50 are not written since).
    const lwts = new Set(all.documents.slice(0, 45).map((d) => d._meta.lwt));
    expect(lwts.size).toBe(1);
    expect(all.documents).toHaveLength(73);
    for (const [path, read] of [
      ['getAll', instance],
      ['RxDB query', withoutDexie(instance)],
    ] as const)
      for (const step of [1, 7, 45, 46, 1000]) {
        const ours = await pages((limit, c) => changedSince(read, limit, c), step);
        const theirs = await pages(
          (limit, c) => getChangedDocumentsSince(instance, limit, c) as never,
          step,
        );
        expect(ours, `${path}, ${step} at a time`).toEqual(theirs);
        expect(ours).toHaveLength(73);
        expect(ours).toContain('d0105 deleted');
        // Updated records come again at the end, after the second bulk write.
        expect(ours.slice(-5)).toEqual(['d0120', 'd0121', 'd0122', 'd0123', 'd0105 deleted']);
      }
  });

  it('reads only index ranges that hold what it returns: no document is read to be dropped', async () => {
    const instance = await writtenCollection();
    const plans: PreparedQuery<Doc>['queryPlan'][] = [];
    const watched = new Proxy(withoutDexie(instance), {
      get(target, property, receiver) {
        if (property === 'query')
          return (query: PreparedQuery<Doc>) => {
            plans.push(query.queryPlan);
            return target.query(query);
          };
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    // In the middle of the first bulk write (d0105 was deleted since): the rest of it, then what
    // came after.
    const first = await changedSince(watched, 10, undefined);
    const page = await changedSince(watched, 60, first.checkpoint);
    expect(page.documents[0]!.id).toBe('d0111');
    expect(page.documents).toHaveLength(60);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.index).toEqual(['_meta.lwt', 'id']);
      expect(plan.selectorSatisfiedByIndex).toBe(true);
    }
  });

  it('on Dexie, reads a page by one getAll that returns what it reads, and no cursor', async () => {
    const instance = await writtenCollection();
    const getAll = IDBIndex.prototype.getAll;
    const openCursor = IDBIndex.prototype.openCursor;
    const calls: { index: string; returned: number }[] = [];
    let cursors = 0;
    IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
      const request = getAll.apply(this, args);
      request.addEventListener('success', () =>
        calls.push({ index: this.name, returned: (request.result as unknown[]).length }),
      );
      return request;
    };
    IDBIndex.prototype.openCursor = function (this: IDBIndex, ...args) {
      cursors++;
      return openCursor.apply(this, args) as IDBRequest<IDBCursorWithValue | null>;
    };
    try {
      const first = await changedSince(instance, 10, undefined);
      const page = await changedSince(instance, 100, first.checkpoint);
      expect(cursors).toBe(0);
      // The same documents, stored fields and all, as RxDB's own feed gives.
      const theirs = await getChangedDocumentsSince(instance, 100, first.checkpoint as never);
      expect(page.documents).toEqual(theirs.documents);
      expect(page.documents[0]!.id).toBe('d0111');
      expect(page.documents.find((d) => d.id === 'd0105')?._deleted).toBe(true);
      expect(page.documents.find((d) => d.id === 'd0120')?._deleted).toBe(false);
      expect(calls.slice(0, 2)).toEqual([
        { index: '[_meta.lwt+id]', returned: 10 },
        { index: '[_meta.lwt+id]', returned: 63 },
      ]);
    } finally {
      IDBIndex.prototype.getAll = getAll;
      IDBIndex.prototype.openCursor = openCursor;
    }
  });

  it('returns the checkpoint it was given once nothing is left', async () => {
    const instance = await writtenCollection();
    for (const read of [instance, withoutDexie(instance)]) {
      const end = (await changedSince(read, 1000, undefined)).checkpoint;
      expect(await changedSince(read, 5, end)).toEqual({ documents: [], checkpoint: end });
    }
  });
});
