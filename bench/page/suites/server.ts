// Page side of suite `server` (bench/suites/server.mjs). The Node suite opens /bench/ on the office
// server's own origin (the server serves it as its web app), so the sync client and the raw fetch
// talk to the server same-origin, as the web app the server serves does: no CORS preflights.
import { openDatabase } from '../../../renderer/src/db/database';
import { createSyncManager } from '../../../renderer/src/sync/manager';
import {
  createRevision,
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  now,
  type RxStorageInstance,
} from 'rxdb';
import { SYNCED_COLLECTIONS } from '../../../shared/sync/protocol';
import { ms } from '../bench';

/** localStorage as the manager uses it, kept in memory so runs do not see each other's. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

type Pull = { at: number; ms: number; path: string };

/** What-if runs for the notes (never the figure): a change the sync client could make. */
export type SyncExperiment = {
  /** IndexedDB durability of every transaction instead of the app's 'strict'. */
  durability?: 'relaxed';
  /** The page size the server is asked for instead of the client's own (limit= of each pull). */
  pullLimit?: number;
};

type Span = { start: number; end: number };

/**
 * Every IndexedDB transaction the page opens, by database kind (the collection's documents, the
 * replication's meta instance, ...) and mode: how many, and how long from opening to complete.
 * `busyMs` is the union of the readwrite spans: the time at least one write was in flight.
 */
function watchTransactions(name: string, experiment: SyncExperiment) {
  const proto = IDBDatabase.prototype;
  const original = proto.transaction;
  const byKind: Record<string, { transactions: number; ms: number }> = {};
  const writes: Span[] = [];
  proto.transaction = function (this: IDBDatabase, stores, mode, options) {
    const tx = original.call(
      this,
      stores,
      mode,
      experiment.durability ? { durability: experiment.durability } : options,
    );
    const start = performance.now();
    const store = this.name
      .replace(`rxdb-dexie-${name}--`, '')
      .replace(/^\d+--/, '')
      .replace(/^(rx-replication-meta)-.*$/, '$1');
    const kind = `${store} ${mode ?? 'readonly'}`;
    const done = () => {
      const end = performance.now();
      const entry = (byKind[kind] ??= { transactions: 0, ms: 0 });
      entry.transactions++;
      entry.ms += end - start;
      if (mode === 'readwrite') writes.push({ start, end });
    };
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  } as typeof proto.transaction;
  return {
    stop() {
      proto.transaction = original;
      writes.sort((a, b) => a.start - b.start);
      let busy = 0;
      let until = -Infinity;
      for (const w of writes) {
        if (w.end <= until) continue;
        busy += w.end - Math.max(w.start, until);
        until = w.end;
      }
      for (const entry of Object.values(byKind)) entry.ms = Math.round(entry.ms);
      return { byKind, readwrite: writes.length, writeBusyMs: Math.round(busy) };
    },
  };
}

/**
 * The app's first sync into an EMPTY database: the app's own openDatabase (schema checks on, as
 * in production) and createSyncManager (every synced collection, the office stream), joined as
 * Settings → Sync does (plan, then join), timed until every replication is in sync and the
 * renewals collection holds `expected` records. Each pull's time to its response headers is kept
 * (the fetch the manager is given only forwards), so the notes can say where the time went.
 */
async function initialSync({
  token,
  expected,
  name,
  timeoutMs,
  experiment = {},
}: {
  token: string;
  expected: number;
  name: string;
  timeoutMs: number;
  experiment?: SyncExperiment;
}) {
  const transactions = watchTransactions(name, experiment);
  const db = await openDatabase({ name });
  const pulls: Pull[] = [];
  const timed: typeof fetch = async (input, init) => {
    const t = performance.now();
    const limit = experiment.pullLimit;
    const asked = limit ? String(input).replace(/([?&]limit=)\d+/, `$1${limit}`) : input;
    const response = await fetch(asked, init);
    const path = new URL(String(input), location.origin).pathname;
    if (path.endsWith('/pull')) pulls.push({ at: t, ms: performance.now() - t, path });
    return response;
  };
  const manager = createSyncManager({ db, storage: memoryStorage(), fetch: timed });
  try {
    const t = performance.now();
    const plan = await manager.plan(location.origin, token);
    if (!plan.ok) throw new Error(`plan: ${JSON.stringify(plan)}`);
    if (plan.value.kind !== 'download') throw new Error(`not an empty client: ${plan.value.kind}`);
    const joined = await manager.join(plan.value);
    if (!joined.ok) throw new Error(`join: ${JSON.stringify(joined)}`);
    if (!(await manager.awaitInSync(timeoutMs))) throw new Error(`not in sync in ${timeoutMs} ms`);
    let renewals = await db.renewals.count().exec();
    while (renewals < expected && performance.now() - t < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      renewals = await db.renewals.count().exec();
    }
    const total = ms(t);
    if (renewals !== expected) throw new Error(`renewals: ${renewals} of ${expected}`);
    const byCollection: Record<string, { pulls: number; fetchMs: number }> = {};
    for (const p of pulls) {
      const c = p.path.split('/')[2]!;
      const entry = (byCollection[c] ??= { pulls: 0, fetchMs: 0 });
      entry.pulls++;
      entry.fetchMs += p.ms;
    }
    for (const entry of Object.values(byCollection)) entry.fetchMs = Math.round(entry.fetchMs);
    const renewalPulls = pulls.filter((p) => p.path === '/sync/renewals/pull');
    const first = renewalPulls[0]?.at ?? t;
    const last = renewalPulls.at(-1);
    const counts: Record<string, number> = {};
    for (const c of SYNCED_COLLECTIONS) counts[c] = await db[c].count().exec();
    return {
      ms: total,
      idb: transactions.stop(),
      counts,
      byCollection,
      // From the start to the first renewals pull, and the renewals pulls from first to last.
      beforeRenewalsMs: Math.round(first - t),
      renewalsSpanMs: last ? Math.round(last.at + last.ms - first) : 0,
    };
  } finally {
    transactions.stop();
    await manager.stop();
    await db.remove();
  }
}

/**
 * The same documents as raw JSON: GET /sync/<collection>/pull for every synced collection, paged
 * by the checkpoint with `limit` per page, each body parsed (response.json()), nothing stored.
 */
async function rawJsonFetch({ token, limit }: { token: string; limit: number }) {
  const t = performance.now();
  const documents: Record<string, number> = {};
  let requests = 0;
  for (const c of SYNCED_COLLECTIONS) {
    let seq = 0;
    documents[c] = 0;
    for (;;) {
      const response = await fetch(`/sync/${c}/pull?seq=${seq}&limit=${limit}`, {
        headers: { authorization: `Bearer ${token}` },
        cache: 'no-store',
      });
      if (!response.ok) throw new Error(`pull ${c}: ${response.status}`);
      const page = (await response.json()) as {
        documents: unknown[];
        checkpoint: { seq: number };
      };
      requests++;
      documents[c] += page.documents.length;
      if (page.documents.length < limit) break;
      seq = page.checkpoint.seq;
    }
  }
  return { ms: ms(t), documents, requests };
}

/** Every synced collection's documents, paged by the checkpoint as rawJsonFetch reads them. */
async function fetchAll(token: string, limit: number): Promise<Record<string, WithId[]>> {
  const documents: Record<string, WithId[]> = {};
  for (const c of SYNCED_COLLECTIONS) {
    let seq = 0;
    documents[c] = [];
    for (;;) {
      const response = await fetch(`/sync/${c}/pull?seq=${seq}&limit=${limit}`, {
        headers: { authorization: `Bearer ${token}` },
        cache: 'no-store',
      });
      if (!response.ok) throw new Error(`pull ${c}: ${response.status}`);
      const page = (await response.json()) as { documents: WithId[]; checkpoint: { seq: number } };
      documents[c].push(...page.documents);
      if (page.documents.length < limit) break;
      seq = page.checkpoint.seq;
    }
  }
  return documents;
}

type WithId = { id: string; _deleted?: boolean } & Record<string, unknown>;

/**
 * A floor for storing what a sync brings: the documents of every synced collection (fetched as in
 * rawJsonFetch, not timed) put into a scratch IndexedDB database, one object store per collection
 * keyed by `id`, no index, in ONE readwrite transaction with the app's strict durability; timed
 * from opening the transaction to its complete event.
 */
async function rawIdbPut({ token, limit }: { token: string; limit: number }) {
  const documents = await fetchAll(token, limit);
  const name = 'bench-server-scratch';
  indexedDB.deleteDatabase(name);
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => {
      for (const c of SYNCED_COLLECTIONS) open.result.createObjectStore(c, { keyPath: 'id' });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const t = performance.now();
    const tx = idb.transaction([...SYNCED_COLLECTIONS], 'readwrite', { durability: 'strict' });
    let count = 0;
    for (const c of SYNCED_COLLECTIONS) {
      const store = tx.objectStore(c);
      for (const doc of documents[c]!) {
        store.put(doc);
        count++;
      }
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    return { ms: ms(t), documents: count };
  } finally {
    idb.close();
    indexedDB.deleteDatabase(name);
  }
}

/**
 * What a first sync that skipped the replication protocol would still cost (notes and a floor,
 * never the figure): the same documents (fetched as in rawJsonFetch, not timed) written through
 * the app's own storage (openDatabase: schema checks, every index) into each collection, marked
 * as pulled (`_meta.o`, as RxDB's downstream marks them), and each one's master state into a
 * replication meta instance of RxDB's own schema: every record twice, as the live replication
 * needs, but in `chunk`-record bulk writes, every collection at once, and with no read before
 * any write. Timed from the first write to the last.
 */
async function storageWrite({
  token,
  limit,
  name,
  chunk,
  meta: withMeta = true,
}: {
  token: string;
  limit: number;
  name: string;
  chunk: number;
  /** False: into the collections only (what the meta instance adds, by difference). */
  meta?: boolean;
}) {
  const documents = await fetchAll(token, limit);
  const db = await openDatabase({ name });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each collection its own record type
  const metas: RxStorageInstance<any, unknown, unknown>[] = [];
  try {
    for (const c of withMeta ? SYNCED_COLLECTIONS : [])
      metas.push(
        await db.storage.createStorageInstance({
          databaseName: db.name,
          collectionName: `bench-meta-${c}`,
          databaseInstanceToken: db.token,
          multiInstance: false,
          options: {},
          schema: getRxReplicationMetaInstanceSchema(db[c].schema.jsonSchema as never, false),
          devMode: false,
        }),
      );
    const t = performance.now();
    let count = 0;
    await Promise.all(
      SYNCED_COLLECTIONS.map(async (c, k) => {
        const fork = db[c].storageInstance;
        const meta = metas[k];
        const docs = documents[c]!;
        for (let i = 0; i < docs.length; i += chunk) {
          const part = docs.slice(i, i + chunk);
          const lwt = now();
          const forkRows = part.map((d) => ({
            document: {
              ...d,
              _deleted: d._deleted ?? false,
              _meta: { lwt, o: { _rev: 1, hash: 'bench' } },
              _rev: createRevision(db.token),
              _attachments: {},
            },
          }));
          // The master states, built only when there is a meta instance to write them to.
          const metaRows = (into: NonNullable<typeof meta>) =>
            part.map((d) => {
              const row = {
                id: '',
                isCheckpoint: '0',
                itemId: d.id,
                docData: d,
                _attachments: {},
                _deleted: false,
                _rev: createRevision(db.token),
                _meta: { lwt },
              };
              row.id = getComposedPrimaryKeyOfDocumentData(into.schema as never, row);
              return { document: row };
            });
          const [a, b] = await Promise.all([
            fork.bulkWrite(forkRows as never, 'bench-storage-write'),
            meta
              ? meta.bulkWrite(metaRows(meta) as never, 'bench-storage-write')
              : { error: [] as unknown[] },
          ]);
          if (a.error.length > 0 || b.error.length > 0)
            throw new Error(`${c}: ${JSON.stringify(a.error[0] ?? b.error[0])}`);
          count += part.length;
        }
      }),
    );
    const took = ms(t);
    const renewals = await db.renewals.count().exec();
    if (renewals !== documents.renewals!.length)
      throw new Error(`renewals: ${renewals} of ${documents.renewals!.length}`);
    return { ms: took, documents: count, chunk, meta: withMeta };
  } finally {
    for (const meta of metas) await meta.remove();
    await db.remove();
  }
}

Object.assign(window, { initialSync, rawJsonFetch, rawIdbPut, storageWrite });
