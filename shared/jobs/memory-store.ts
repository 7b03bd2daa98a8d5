import {
  assertWritable,
  COLLECTION_NAMES,
  matchesSelector,
  sameRecord,
  sortRecords,
  type AnyRecord,
  type CollectionName,
  type JournalEntry,
  type ChangeFeed,
  type Records,
  type StorePort,
} from './store.js';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export type MemoryStore = StorePort & {
  changes?: ChangeFeed;
  /** Every record of a collection, by id order: for tests that compare whole stores. */
  all<C extends CollectionName>(collection: C): Records[C][];
};

/**
 * The store port over plain Maps: the reference meaning of every read and write, used by unit
 * tests and by the headless scenario that the RxDB and SQL adapters must reproduce. Records
 * are copied in and out, as a real database would, so a job cannot change them by reference.
 */
export function createMemoryStore(options: { changes?: boolean } = {}): MemoryStore {
  const tables = new Map<CollectionName, Map<string, AnyRecord>>(
    COLLECTION_NAMES.map((name) => [name, new Map()]),
  );
  const journal = new Map<string, JournalEntry>();
  const table = <C extends CollectionName>(name: C) => tables.get(name) as Map<string, Records[C]>;
  // The change feed: each write gets the next sequence number; a mark is the last one read.
  let sequence = 0;
  const feedOrder = new Map<CollectionName, Map<string, number>>(
    COLLECTION_NAMES.map((name) => [name, new Map()]),
  );
  const put = <C extends CollectionName>(name: C, record: Records[C]) => {
    table(name).set(record.id, record);
    const order = feedOrder.get(name)!;
    order.delete(record.id);
    order.set(record.id, ++sequence);
  };
  const cursors = new Map<string, unknown>();
  const changes: ChangeFeed = {
    async end() {
      return String(sequence);
    },
    async since(name, mark, limit) {
      const after = Number(mark);
      const records: Records[typeof name][] = [];
      let last = after;
      let more = false;
      // The map keeps insertion order, and a rewrite moves a record to the end: write order.
      for (const [id, seq] of feedOrder.get(name)!) {
        if (seq <= after) continue;
        if (records.length === limit) {
          more = true;
          break;
        }
        records.push(copy(table(name).get(id)!));
        last = seq;
      }
      return { records, mark: String(last), more };
    },
    async read(name) {
      return cursors.has(name) ? copy(cursors.get(name)) : null;
    },
    async write(name, value) {
      cursors.set(name, copy(value));
    },
  };

  return {
    async get(collection, id) {
      const found = table(collection).get(id);
      return found ? copy(found) : null;
    },
    async getMany(collection, ids) {
      return [...new Set(ids)].flatMap((id) => {
        const found = table(collection).get(id);
        return found ? [copy(found)] : [];
      });
    },
    async find(collection, query) {
      const matching = [...table(collection).values()].filter((record) =>
        matchesSelector(record, query.selector),
      );
      const sorted = sortRecords(matching, query.sort);
      return copy(query.limit === undefined ? sorted : sorted.slice(0, query.limit));
    },
    async insert(collection, records) {
      const existing: Records[typeof collection][] = [];
      for (const record of records) {
        const stored = table(collection).get(record.id);
        if (stored) existing.push(copy(stored));
        else put(collection, copy(record));
      }
      return { existing };
    },
    async update(collection, changes) {
      const conflicts = [];
      // Checked in full before anything is written: a refused change fails the whole bulk.
      const written = new Map<string, Records[typeof collection]>();
      for (const { before, after } of changes) {
        const stored = written.get(before.id) ?? table(collection).get(before.id) ?? null;
        if (!stored || !sameRecord(stored, before)) {
          conflicts.push({ id: before.id, current: stored ? copy(stored) : null });
          continue;
        }
        assertWritable(collection, stored, after);
        written.set(after.id, copy(after));
      }
      for (const record of written.values()) put(collection, record);
      return { conflicts };
    },
    journal: {
      async begin(entry) {
        journal.set(entry.id, copy(entry));
      },
      async end(id) {
        journal.delete(id);
      },
      async pending() {
        return [...journal.values()].map(copy).sort((a, b) => (a.at < b.at ? -1 : 1));
      },
    },
    ...(options.changes ? { changes } : {}),
    all(collection) {
      return sortRecords([...table(collection).values()].map(copy), []);
    },
  };
}
