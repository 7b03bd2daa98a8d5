// Page side of suite `refresh` (bench/suites/refresh.mjs): raw IndexedDB baselines and the real
// daily job runner over the app's RxDB database, built the way renderer/src/jobs/host.ts does.
import { openDatabase } from '../../../renderer/src/db/database';
import { rxdbStore } from '../../../renderer/src/db/rxdb-store';
import { newId } from '../../../renderer/src/jobs/host';
import { createJobs } from '../../../shared/jobs';
import type { StorePort } from '../../../shared/jobs/store';
import { generateOffice } from '../../data/generate';
import { APP_DB_NAME, ms } from '../bench';

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

function openIdb(name: string, upgrade?: (db: IDBDatabase) => void) {
  const r = indexedDB.open(name);
  if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
  return request(r);
}

/** getAll of the IndexedDB store that holds the app's renewals (one IDB database per collection). */
async function rawGetAll() {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '');
  const name = names.find(
    (n) => n.startsWith(`rxdb-dexie-${APP_DB_NAME}--`) && n.endsWith('--renewals'),
  );
  if (!name) throw new Error(`no renewals IndexedDB among ${names.join(', ')}`);
  const idb = await openIdb(name);
  try {
    const stores = [...idb.objectStoreNames];
    const storeName = stores.find((s) => s === 'docs') ?? stores[0]!;
    const t = performance.now();
    const all = await request(
      idb.transaction(storeName, 'readonly').objectStore(storeName).getAll(),
    );
    return { ms: ms(t), count: all.length, database: name, store: storeName };
  } finally {
    idb.close();
  }
}

/** One readwrite transaction putting `size` unstaged renewals into a scratch store. */
async function rawPut(size: number, run: number) {
  const { renewals } = generateOffice({ size, state: 'unstaged' });
  const idb = await openIdb(`bench-scratch-${run}`, (db) =>
    db.createObjectStore('renewals', { keyPath: 'id' }),
  );
  try {
    const t = performance.now();
    const tx = idb.transaction('renewals', 'readwrite', { durability: 'strict' });
    const os = tx.objectStore('renewals');
    for (const r of renewals) os.put(r);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    return { ms: ms(t) };
  } finally {
    idb.close();
    indexedDB.deleteDatabase(`bench-scratch-${run}`);
  }
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

/** The IndexedDB database and object store that hold one RxDB collection of the app. */
async function collectionStore(collection: string) {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '');
  const name = names.find(
    (n) => n.startsWith(`rxdb-dexie-${APP_DB_NAME}--`) && n.endsWith(`--${collection}`),
  );
  if (!name) return null;
  const idb = await openIdb(name);
  const stores = [...idb.objectStoreNames];
  return { idb, store: stores.find((s) => s === 'docs') ?? stores[0]! };
}

type Stored = { id: string; _rev: string; _meta: { lwt: number } };

/**
 * The floor under a run's writes: what the run wrote (every record of `collections` whose
 * `_meta.lwt` is at or after `since`), written again with raw IndexedDB into the same stores,
 * with the same indexes and durability, one transaction per collection. A record the run
 * created (revision 1) is deleted first, untimed, and put back, so the timed put is an insert;
 * one it changed is put over itself, as an update is. The data ends as it was.
 */
async function rawRewrite(since: number, collections: string[]) {
  const by: Record<string, { records: number; inserted: number; ms: number }> = {};
  let total = 0;
  for (const collection of collections) {
    const found = await collectionStore(collection);
    if (!found) continue;
    const { idb, store } = found;
    try {
      const all = await request(
        idb.transaction(store, 'readonly').objectStore(store).getAll() as IDBRequest<Stored[]>,
      );
      const written = all.filter((r) => r._meta.lwt >= since);
      if (written.length === 0) continue;
      const created = written.filter((r) => r._rev.startsWith('1-'));
      const drop = idb.transaction(store, 'readwrite', { durability: 'strict' });
      for (const r of created) drop.objectStore(store).delete(r.id);
      await done(drop);
      const t = performance.now();
      const tx = idb.transaction(store, 'readwrite', { durability: 'strict' });
      const os = tx.objectStore(store);
      for (const r of written) os.put(r);
      await done(tx);
      const took = performance.now() - t;
      total += took;
      by[collection] = {
        records: written.length,
        inserted: created.length,
        ms: Math.round(took * 10) / 10,
      };
    } finally {
      idb.close();
    }
  }
  return { ms: Math.round(total * 10) / 10, by };
}

type Call = { calls: number; ms: number; records: number };

/**
 * The store port with every call timed, by method, collection and selector fields: where a
 * daily run spends its time and how much it reads (the notes of the suite show it).
 */
function profiled(store: StorePort, calls: Map<string, Call>): StorePort {
  const timed =
    <A extends unknown[], R>(
      method: string,
      f: (...args: A) => Promise<R>,
      key: (...args: A) => string,
      count?: (result: R) => number,
    ) =>
    async (...args: A): Promise<R> => {
      const t = performance.now();
      const result = await f(...args);
      const name = `${method} ${key(...args)}`;
      const entry = calls.get(name) ?? { calls: 0, ms: 0, records: 0 };
      entry.calls++;
      entry.ms += performance.now() - t;
      entry.records += count
        ? count(result)
        : Array.isArray(result)
          ? result.length
          : Array.isArray(args[1])
            ? args[1].length
            : result
              ? 1
              : 0;
      calls.set(name, entry);
      return result;
    };
  return {
    ...store,
    get: timed('get', store.get, (c) => c),
    getMany: timed('getMany', store.getMany, (c) => c),
    find: timed('find', store.find, (c, q) => `${c} {${Object.keys(q.selector ?? {}).join(',')}}`),
    insert: timed('insert', store.insert, (c) => c),
    update: timed('update', store.update, (c) => c),
    ...(store.changes
      ? {
          changes: {
            ...store.changes,
            // Counted by what each page held, not by the limit asked for.
            since: timed(
              'feed',
              store.changes.since,
              (c) => c,
              (page) => page.records.length,
            ),
          },
        }
      : {}),
  } as StorePort;
}

const round = (calls: Map<string, Call>) =>
  Object.fromEntries(
    [...calls]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, v]) => [k, { ...v, ms: Math.round(v.ms) }]),
  );

/**
 * The daily run on `day` as the job host runs it in the running app (Refresh now, the daily
 * timer), timed with the database open: RxDB opens each collection's IndexedDB database in the
 * background after openDatabase returns, so one query per collection waits for that first
 * (`openMs`; the app pays it once, at start-up). `cold` skips the wait, as the start-up run does.
 */
async function refreshOn(day: string, cold = false) {
  const db = await openDatabase({ name: APP_DB_NAME, validate: false });
  try {
    const opened = performance.now();
    if (!cold) await Promise.all(Object.values(db.collections).map((c) => c.findOne().exec()));
    const openMs = ms(opened);
    let shown = 0;
    const calls = new Map<string, Call>();
    const jobs = createJobs({
      store: profiled(rxdbStore(db), calls),
      effects: {
        show: async () => {
          shown++;
        },
        postWebhook: async () => ({ error: 'no webhooks in the benchmark' }),
      },
      newId,
      defaultTimeZone: 'UTC',
    });
    const since = Date.now();
    const t = performance.now();
    const summary = await jobs.runDaily({ reason: 'daily', at: `${day}T07:00:00.000Z` });
    return {
      ms: ms(t),
      since,
      openMs,
      renewals: summary.renewals,
      notified: summary.notified,
      shown,
      calls: round(calls),
    };
  } finally {
    await db.close();
  }
}

Object.assign(window, { rawGetAll, rawPut, refreshOn, rawRewrite });
