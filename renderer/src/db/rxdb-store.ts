import {
  getSortComparator,
  normalizeMangoQuery,
  now,
  type MangoQuery,
  type RxCollection,
  type RxDocumentData,
} from 'rxdb';
import {
  assertWritable,
  sameRecord,
  type CollectionName,
  type Conflict,
  type JournalEntry,
  type Records,
  type StorePort,
} from '../../../shared/jobs/store';
import type { NoLapseDatabase } from './database';
import { changedSince } from './feed-read';
import { WriteError } from './write-error';

/** The device's job journal: one local document, never replicated. */
const JOURNAL_ID = 'job-journal';
/** The jobs' cursors on the change feeds: one local document, never replicated. */
const CURSORS_ID = 'job-cursors';
/**
 * How far before now a fresh feed mark starts: a write in another tab may take its write time
 * a moment before it commits, and reading a few records twice costs nothing (jobs are idempotent).
 */
export const FEED_MARGIN_MS = 5000;
type Checkpoint = { id: string; lwt: number };
type Journal = { entries: Record<string, JournalEntry> };

/** A stored document without RxDB's own fields: the record as the domain knows it. */
function recordOf<T>(stored: RxDocumentData<T>): T {
  const { _rev: _r, _meta: _m, _attachments: _a, _deleted: _d, ...record } = stored;
  return record as T;
}

const WHAT: Record<CollectionName, string> = {
  customers: 'the customer',
  renewals: 'the renewals',
  events: 'the timeline',
  tasks: 'the tasks',
  notifications: 'the notification',
  config: 'the settings',
  workers: 'the worker',
  templates: 'the template',
  instances: 'the document',
  policies: 'the policy',
  transactions: 'the policy renewal',
  autorenewals: 'the auto-renewal',
};

/** Most values of a `$in` read one by one (splitIn). */
const SPLIT_IN_MAX = 50;

/**
 * The field and values of a selector's `$in` on the first field of an index, when reading one
 * exact range a value beats RxDB's plan: it reads the one range from the least value to the
 * greatest and drops what is not among them (the documents sweep's 24 workers out of 400 read
 * nearly every document of the office).
 */
function splitIn(
  c: RxCollection,
  query: MangoQuery<unknown>,
): { field: string; values: unknown[] } | null {
  const leading = new Set(
    c.schema.indexes.map((index) => index.find((field) => field !== '_deleted')),
  );
  for (const [field, condition] of Object.entries(query.selector ?? {})) {
    if (!leading.has(field) || typeof condition !== 'object' || condition === null) continue;
    const keys = Object.keys(condition);
    const values = (condition as { $in?: unknown }).$in;
    if (keys.length !== 1 || !Array.isArray(values)) continue;
    const distinct = [...new Set(values)];
    return distinct.length >= 2 && distinct.length <= SPLIT_IN_MAX
      ? { field, values: distinct }
      : null;
  }
  return null;
}

/**
 * The store port over RxDB on Dexie (IndexedDB). Reads are Mango queries on the collections'
 * indexes. An update writes through the collection's storage with the stored revision as
 * `previous`, after checking that the stored record still equals the one the job read: a
 * write in between, from this tab, another tab or a replication, makes it a conflict.
 */
export function rxdbStore(db: NoLapseDatabase): StorePort {
  const collection = <C extends CollectionName>(name: C) =>
    db.collections[name] as unknown as RxCollection<Records[C]>;

  /**
   * A device-local document, created empty the first time and changed in place after: two
   * writers at once (two tabs, the daily run and a delivery after a sync) neither conflict nor
   * lose each other's changes.
   */
  async function localDoc<T extends object>(
    id: string,
    empty: T,
  ): Promise<{ read(): T; modify(change: (data: T) => T): Promise<void> }> {
    let doc = await db.getLocal<T>(id);
    if (!doc) {
      try {
        doc = await db.insertLocal<T>(id, empty);
      } catch {
        // Another tab or run created it first.
        doc = await db.getLocal<T>(id);
      }
    }
    const local = doc!;
    return {
      read: () => local.getLatest().toJSON().data as T,
      modify: async (change) => {
        await local.incrementalModify((data) => change(data as T));
      },
    };
  }
  const journal = () => localDoc<Journal>(JOURNAL_ID, { entries: {} });
  const cursors = () => localDoc<Record<string, unknown>>(CURSORS_ID, {});

  return {
    async get(name, id) {
      const doc = await collection(name).findOne(id).exec();
      return doc ? (doc.toJSON() as Records[typeof name]) : null;
    },

    async getMany(name, ids) {
      if (ids.length === 0) return [];
      const found = await collection(name)
        .findByIds([...new Set(ids)])
        .exec();
      return [...found.values()].map((doc) => doc.toJSON() as Records[typeof name]);
    },

    async find(name, query) {
      const c = collection(name);
      const mango = {
        ...(query.selector ? { selector: query.selector } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      } as MangoQuery<Records[typeof name]>;
      const split = splitIn(c, mango);
      if (!split)
        return (await c.find(mango).exec()).map((doc) => doc.toJSON() as Records[typeof name]);
      // One exact range a value, merged in the order the whole query gives.
      const parts = await Promise.all(
        split.values.map((value) =>
          c
            .find({
              ...mango,
              selector: { ...mango.selector, [split.field]: value },
            } as MangoQuery<Records[typeof name]>)
            .exec(),
        ),
      );
      const schema = c.schema.jsonSchema;
      const docs = parts
        .flat()
        .map((doc) => doc.toJSON() as Records[typeof name])
        .sort(getSortComparator(schema, normalizeMangoQuery(schema, mango)) as never);
      return query.limit !== undefined ? docs.slice(0, query.limit) : docs;
    },

    async insert(name, records) {
      if (records.length === 0) return { existing: [] };
      let result;
      try {
        result = await collection(name).bulkInsert([...records]);
      } catch (error) {
        throw new WriteError(WHAT[name], error);
      }
      const failures = result.error.filter((e) => e.status !== 409);
      if (failures.length > 0) throw new WriteError(WHAT[name], failures[0]);
      return {
        existing: result.error.flatMap((e) =>
          'documentInDb' in e && e.documentInDb ? [recordOf(e.documentInDb)] : [],
        ),
      };
    },

    async update(name, changes) {
      const conflicts: Conflict<Records[typeof name]>[] = [];
      if (changes.length === 0) return { conflicts };
      const c = collection(name);
      const storage = c.storageInstance;
      // The revision each change was made on: RxDB's document cache holds it when the job read
      // the record through this database (its reads fill the cache, and every write it hears
      // of, from any tab or replication, moves it on), so only the rest are read from storage.
      // A cached revision that is no longer the stored one is refused by the storage below (409)
      // and settled there.
      const stored = new Map<string, RxDocumentData<Records[typeof name]>>();
      const unread: string[] = [];
      for (const { before } of changes) {
        const cached = c._docCache.getLatestDocumentDataIfExists(before.id);
        if (cached && !cached._deleted && sameRecord(recordOf(cached), before))
          stored.set(before.id, cached);
        else unread.push(before.id);
      }
      if (unread.length > 0)
        for (const doc of await storage.findDocumentsById(unread, false))
          stored.set(doc.id as string, doc);
      const rowOf = (
        current: RxDocumentData<Records[typeof name]>,
        after: Records[typeof name],
      ) => ({
        previous: current,
        document: {
          ...after,
          _deleted: false,
          _attachments: current._attachments,
          _meta: current._meta,
          _rev: current._rev,
        } as RxDocumentData<Records[typeof name]>,
      });
      const rows: ReturnType<typeof rowOf>[] = [];
      for (const { before, after } of changes) {
        const current = stored.get(before.id);
        if (!current || !sameRecord(recordOf(current), before)) {
          conflicts.push({ id: before.id, current: current ? recordOf(current) : null });
          continue;
        }
        // Before anything is written: a refused change fails the whole bulk.
        assertWritable(name, recordOf(current), after);
        rows.push(rowOf(current, after));
      }
      if (rows.length === 0) return { conflicts };
      const write = async (batch: typeof rows) => {
        try {
          return await storage.bulkWrite(batch, 'nolapse-job-update');
        } catch (error) {
          throw new WriteError(WHAT[name], error);
        }
      };
      const afterOf = new Map(changes.map((change) => [change.before.id, change]));
      // A 409 whose stored record still equals what the job read was made on a revision the
      // cache held but the storage had moved past without a change (a rewrite of the same
      // record): written again on the stored revision, once.
      const retry: ReturnType<typeof rowOf>[] = [];
      for (const error of (await write(rows)).error) {
        if (error.status !== 409) throw new WriteError(WHAT[name], error);
        const inDb = error.documentInDb;
        const change = afterOf.get(error.documentId);
        if (inDb && !inDb._deleted && change && sameRecord(recordOf(inDb), change.before))
          retry.push(rowOf(inDb, change.after));
        else
          conflicts.push({
            id: error.documentId,
            current: inDb && !inDb._deleted ? recordOf(inDb) : null,
          });
      }
      if (retry.length > 0)
        for (const error of (await write(retry)).error) {
          if (error.status !== 409) throw new WriteError(WHAT[name], error);
          const inDb = error.documentInDb;
          conflicts.push({
            id: error.documentId,
            current: inDb && !inDb._deleted ? recordOf(inDb) : null,
          });
        }
      return { conflicts };
    },

    changes: {
      async end() {
        return JSON.stringify({ id: '', lwt: now() - FEED_MARGIN_MS } satisfies Checkpoint);
      },
      // The storage's own feed (the _meta.lwt index replication uses): every write on this
      // device, by jobs, screens, other tabs and replication, in write order (feed-read.ts).
      async since(name, mark, limit) {
        const page = await changedSince<Records[typeof name]>(
          collection(name).storageInstance as never,
          limit,
          JSON.parse(mark) as Checkpoint,
        );
        return {
          records: page.documents.filter((d) => !d._deleted).map((d) => recordOf(d)),
          mark: JSON.stringify(page.checkpoint),
          more: page.documents.length === limit,
        };
      },
      async read(name) {
        return (await cursors()).read()[name] ?? null;
      },
      // A cursor that did not move (a day with nothing new) is not written again: each write is
      // a durable IndexedDB transaction, three of them in a run that changed nothing.
      async write(name, value) {
        const doc = await cursors();
        if (JSON.stringify(doc.read()[name] ?? null) === JSON.stringify(value)) return;
        await doc.modify((data) => ({ ...data, [name]: value }));
      },
    },

    journal: {
      async begin(entry) {
        await (await journal()).modify((j) => ({ entries: { ...j.entries, [entry.id]: entry } }));
      },
      async end(id) {
        await (
          await journal()
        ).modify((j) => {
          const { [id]: _done, ...rest } = j.entries;
          return { entries: rest };
        });
      },
      async pending() {
        return Object.values((await journal()).read().entries).sort((a, b) =>
          a.at < b.at ? -1 : 1,
        );
      },
    },
  };
}
