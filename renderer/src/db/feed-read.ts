import {
  getPrimaryFieldOfPrimaryKey,
  normalizeMangoQuery,
  prepareQuery,
  RX_META_LWT_MINIMUM,
  type RxDocumentData,
  type RxStorageInstance,
} from 'rxdb';
import { DEXIE_DOCS_TABLE_NAME, fromDexieToStorage } from 'rxdb/plugins/storage-dexie';

/** A place in a collection's write order: after the write at `lwt` of the record `id`. */
export type FeedCheckpoint = { id: string; lwt: number };

/** What RxDB's Dexie storage keeps behind an instance's `internals`: its Dexie database. */
type DexieState = {
  dexieDb: {
    transaction(mode: 'r', table: unknown, scope: (tx: unknown) => Promise<void>): Promise<void>;
    _options: { IDBKeyRange?: typeof IDBKeyRange };
  };
  dexieTable: unknown;
  booleanIndexes: string[];
};

/** The Dexie state under a storage instance of RxDB's Dexie storage; null for any other. */
async function dexieStateOf(instance: unknown): Promise<DexieState | null> {
  const internals = (instance as { internals?: unknown }).internals;
  if (!(internals instanceof Promise)) return null;
  const state: unknown = await internals;
  return state !== null && typeof state === 'object' && 'dexieDb' in state && 'dexieTable' in state
    ? (state as DexieState)
    : null;
}

/**
 * At most `limit` stored documents after `[lwt, id]` in the `[_meta.lwt+key]` index, by one
 * IndexedDB getAll over that one range. RxDB's query reads a range by cursor, one IndexedDB
 * request a record: 139 ms for the 971 renewals a crossing day wrote at 100k, read back by the
 * escalation (bench/README.md). A key after `[lwt, id]` is the rest of that write, then every
 * write after it, so one range holds both. A page is at most FEED_PAGE records, so the one
 * request holds the database's other readers for one page only.
 */
async function readByGetAll<T>(
  state: DexieState,
  key: string,
  limit: number,
  after: [number, string],
): Promise<RxDocumentData<T>[]> {
  // IndexedDB reads a count of 0 as no limit at all.
  if (limit <= 0) return [];
  const Range = state.dexieDb._options.IDBKeyRange ?? IDBKeyRange;
  let rows: unknown[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const store = (tx as { idbtrans: IDBTransaction }).idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME);
    const request = store.index(`[_meta.lwt+${key}]`).getAll(Range.lowerBound(after, true), limit);
    rows = await new Promise<unknown[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  });
  return rows.map((row) => fromDexieToStorage<T>(state.booleanIndexes, row as never));
}

/**
 * The stored documents (deleted ones too) written after `checkpoint`, in write order (`lwt`,
 * then id), at most `limit`, with the checkpoint after the last: what RxDB's
 * getChangedDocumentsSince returns, from the `[_meta.lwt+id]` index every collection has: on
 * RxDB's Dexie storage by one getAll over the range after the checkpoint (readByGetAll), on any
 * other as two exact ranges by RxDB's query (the rest of the checkpoint's own write, then the
 * writes after it).
 *
 * RxDB's query reads one range from the first record of the checkpoint's write and filters
 * out what the checkpoint already passed. One bulk write gives all its records the same
 * `lwt`, so every read after a large write went through the whole write again: 360 ms a read
 * that returned nothing, after an ordinary day's writes at 100k; an import of 100k records
 * in one write, followed 2,000 at a time, read ~2.5 million.
 */
export async function changedSince<T>(
  instance: RxStorageInstance<T, unknown, unknown>,
  limit: number,
  checkpoint: FeedCheckpoint | undefined | null,
): Promise<{ documents: RxDocumentData<T>[]; checkpoint: FeedCheckpoint }> {
  const key = getPrimaryFieldOfPrimaryKey(instance.schema.primaryKey) as string;
  const lwt = checkpoint ? checkpoint.lwt : RX_META_LWT_MINIMUM;
  const dexie = await dexieStateOf(instance);
  if (dexie) {
    const documents = await readByGetAll<T>(dexie, key, limit, [lwt, checkpoint?.id ?? '']);
    return { documents, checkpoint: checkpointAfter(documents, key, checkpoint) };
  }
  const read = async (selector: Record<string, unknown>, max: number) => {
    const query = normalizeMangoQuery(instance.schema, {
      selector,
      sort: [{ '_meta.lwt': 'asc' }, { [key]: 'asc' }],
      skip: 0,
      limit: max,
      index: ['_meta.lwt', key],
    } as never);
    return (await instance.query(prepareQuery(instance.schema, query))).documents;
  };
  const rest = await read(
    { '_meta.lwt': { $eq: lwt }, [key]: { $gt: checkpoint?.id ?? '' } },
    limit,
  );
  const documents =
    rest.length < limit
      ? [...rest, ...(await read({ '_meta.lwt': { $gt: lwt } }, limit - rest.length))]
      : rest;
  return { documents, checkpoint: checkpointAfter(documents, key, checkpoint) };
}

/** The checkpoint after the last of `documents`, or the one given when there are none. */
function checkpointAfter(
  documents: readonly RxDocumentData<unknown>[],
  key: string,
  checkpoint: FeedCheckpoint | undefined | null,
): FeedCheckpoint {
  const last = documents[documents.length - 1];
  return last
    ? { id: (last as Record<string, unknown>)[key] as string, lwt: last._meta.lwt }
    : (checkpoint ?? { id: '', lwt: 0 });
}
