import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { COLLECTION_NAMES, type StorePort } from './store.js';

/** A copy of a memory store, journal included: the state a restarted process would find. */
export async function cloneStore(source: MemoryStore): Promise<MemoryStore> {
  const copy = createMemoryStore();
  for (const name of COLLECTION_NAMES) await copy.insert(name, source.all(name) as never[]);
  for (const entry of await source.journal.pending()) await copy.journal.begin(entry);
  return copy;
}

export class SimulatedCrash extends Error {
  constructor(n: number) {
    super(`Simulated crash at write ${n}`);
  }
}

/**
 * The process dies at its Nth write: that write and every later one fail, as if the power went
 * out. Every call that writes counts, journal entries included; each is one IndexedDB
 * transaction, which is all-or-nothing, so between calls is where a crash can fall.
 */
export function crashingStore(inner: StorePort, crashAt: number) {
  let writes = 0;
  const write = <T>(run: () => Promise<T>): Promise<T> => {
    writes++;
    if (writes >= crashAt) return Promise.reject(new SimulatedCrash(crashAt));
    return run();
  };
  const store: StorePort = {
    get: (c, id) => inner.get(c, id),
    getMany: (c, ids) => inner.getMany(c, ids),
    find: (c, q) => inner.find(c, q),
    insert: (c, records) => write(() => inner.insert(c, records)),
    update: (c, changes) => write(() => inner.update(c, changes)),
    journal: {
      begin: (entry) => write(() => inner.journal.begin(entry)),
      end: (id) => write(() => inner.journal.end(id)),
      pending: () => inner.journal.pending(),
    },
  };
  return { store, writes: () => writes, crashed: () => writes >= crashAt };
}

/** Runs `hook` once, right after the first read that matches, before the reader sees it. */
export function pausingStore(
  inner: StorePort,
  matches: (collection: string, how: 'find' | 'get') => boolean,
  hook: () => Promise<void>,
): StorePort {
  let fired = false;
  const after = async <T>(collection: string, how: 'find' | 'get', read: Promise<T>) => {
    const value = await read;
    if (!fired && matches(collection, how)) {
      fired = true;
      await hook();
    }
    return value;
  };
  return {
    ...inner,
    get: (c, id) => after(c, 'get', inner.get(c, id)),
    find: (c, q) => after(c, 'find', inner.find(c, q)),
  };
}

/** A store that refuses every write touching one record, as a database refuses a bad record. */
export function refusingStore(inner: StorePort, badId: string): StorePort {
  const refuse = () => Promise.reject(new Error(`The database refused record ${badId}.`));
  return {
    ...inner,
    insert: (c, records) =>
      records.some((r) => r.id === badId) ? refuse() : inner.insert(c, records),
    update: (c, changes) =>
      changes.some((ch) => ch.after.id === badId) ? refuse() : inner.update(c, changes),
  };
}
