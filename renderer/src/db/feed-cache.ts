import { Dexie, type Table } from 'dexie';
import { now, type RxCollection, type RxDatabase } from 'rxdb';
import { debounceTime, Subject, tap, type Observable, type Subscription } from 'rxjs';
import { FEED_MARGIN_MS } from './rxdb-store';
import { changedSince } from './feed-read';

/**
 * Device-local caches that follow RxDB's change feed (the search's name index, the queue's
 * count index): IndexedDB databases beside the RxDB one, never replicated, kept from a
 * checkpoint of the `_meta.lwt` index replication reads. Deleting one loses nothing.
 */

/** A checkpoint of RxDB's change feed of one collection. */
export type Checkpoint = { id: string; lwt: number };
/**
 * How far a cache follows each feed (`feed`: a collection's name, its `checkpoint`), and which
 * database storage it was built from (`feed: 'storage'`, its `storageToken`).
 */
export type Mark = { feed: string; checkpoint?: Checkpoint; storageToken?: string };
/** A document as the change feed gives it. */
export type FeedDoc = Record<string, unknown> & { id: string; _deleted: boolean };

/** Records read per step of a catch-up (one IndexedDB transaction each side). */
const STEP = 2000;

/** What a cache needs of the RxDB database. */
export type CachedDatabase = Pick<RxDatabase, 'name' | 'storage' | 'storageToken'> & {
  collections: unknown;
};

type IndexedDbSettings = { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };

/** The IndexedDB the RxDB storage was given (fake-indexeddb in tests); none: the browser's. */
export function indexedDbOf(database: CachedDatabase): IndexedDbSettings {
  const settings = (database.storage as { settings?: IndexedDbSettings }).settings ?? {};
  return {
    ...(settings.indexedDB ? { indexedDB: settings.indexedDB } : {}),
    ...(settings.IDBKeyRange ? { IDBKeyRange: settings.IDBKeyRange } : {}),
  };
}

/**
 * Opens the cache `name` with `stores` (and a `marks` table); a cache of another storage (the
 * database was reset or replaced) is emptied first, so nothing of it is ever read.
 */
export async function openFeedCache<D extends Dexie & { marks: Table<Mark, string> }>(
  name: string,
  database: CachedDatabase,
  stores: Record<string, string>,
): Promise<D> {
  // A cache: relaxed durability (a crash loses the last steps, checkpoint with them).
  const dexie = new Dexie(name, {
    chromeTransactionDurability: 'relaxed',
    ...indexedDbOf(database),
  }) as D;
  dexie.version(1).stores({ ...stores, marks: 'feed' });
  await dexie.open();
  const storageToken = await database.storageToken;
  if ((await dexie.marks.get('storage'))?.storageToken !== storageToken) {
    await dexie.transaction('rw', dexie.tables, async () => {
      for (const table of dexie.tables) await table.clear();
      await dexie.marks.put({ feed: 'storage', storageToken });
    });
  }
  return dexie;
}

/** Deletes the cache `name` of `database`; a copy open in this page closes for it. */
export async function deleteFeedCache(name: string, database: CachedDatabase): Promise<void> {
  await new Dexie(name, indexedDbOf(database)).delete();
}

/**
 * Reads what changed in `collection` after `checkpoint`, a step at a time, and hands each step
 * to `apply` with the checkpoint to store for it; returns how many records it read. What is
 * stored stays FEED_MARGIN_MS behind the writes, as the jobs' fresh marks do (a write in another
 * tab takes its time before it commits), so `apply` must be idempotent: the next catch-up reads
 * the last moments again.
 */
export async function readFeed(
  collection: RxCollection,
  checkpoint: Checkpoint | undefined,
  apply: (docs: FeedDoc[], kept: Checkpoint | undefined) => Promise<void>,
): Promise<number> {
  let changed = 0;
  for (;;) {
    const page = await changedSince(collection.storageInstance as never, STEP, checkpoint);
    const docs = page.documents as unknown as FeedDoc[];
    const last = page.checkpoint as Checkpoint | undefined;
    const kept =
      last && last.lwt > now() - FEED_MARGIN_MS ? { id: '', lwt: now() - FEED_MARGIN_MS } : last;
    if (docs.length === 0) return changed;
    changed += docs.length;
    await apply(docs, kept);
    if (docs.length < STEP) return changed;
    checkpoint = last;
  }
}

/**
 * Keeps a cache up to the change feeds it follows: `catchUpOnce` applies what changed (returns
 * how many records), `changes` fires on every change (this tab, another tab, the sync). Calls
 * of catchUp() during a catch-up share the next one; `updated` fires after one that changed
 * the cache; current() says whether the cache holds every change this tab was told of (known
 * only while following); caughtUp() waits for a catch-up that holds every change told before
 * the call, not for the ones after it (while the start-up's writes keep coming, catch-ups follow
 * one another for seconds).
 */
export function feedFollower(changes: Observable<unknown>, catchUpOnce: () => Promise<number>) {
  const updated = new Subject<void>();
  let running: Promise<void> | null = null;
  let again = false;
  let current = false;
  let told = 0;
  let live: Subscription | null = null;
  /** Who waits for the changes told before `want` (caughtUp()). */
  let waiting: { want: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** After a catch-up that began at `upTo`: its waiters resolve (all reject if it failed). */
  function settle(upTo: number, error?: unknown) {
    const still: typeof waiting = [];
    for (const w of waiting)
      if (error !== undefined) w.reject(error);
      else if (w.want <= upTo) w.resolve();
      else still.push(w);
    waiting = still;
  }
  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const upTo = told;
          const changed = await catchUpOnce().catch((error: unknown) => {
            settle(upTo, error);
            throw error;
          });
          current = live !== null && told === upTo;
          if (changed > 0) updated.next();
          settle(upTo);
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }
  /** Resolves once a catch-up that began after every change told before the call is done. */
  function caughtUp(): Promise<void> {
    if (current) return Promise.resolve();
    const wait = new Promise<void>((resolve, reject) =>
      waiting.push({ want: told, resolve, reject }),
    );
    // A catch-up running now began before some of those changes, perhaps: one more follows it.
    void catchUp().catch(() => undefined);
    return wait;
  }
  return {
    catchUp,
    caughtUp,
    updated: updated.asObservable(),
    current: () => current,
    following: () => live !== null,
    /** Follows the changes (each starts a catch-up after 50 ms of quiet), from one now. */
    follow(onFailure: (error: unknown) => void): void {
      if (live) return;
      live = changes
        .pipe(
          tap(() => {
            told++;
            current = false;
          }),
          debounceTime(50),
        )
        .subscribe(() => void catchUp().catch(onFailure));
      void catchUp().catch(onFailure);
    },
    stop(): void {
      live?.unsubscribe();
      live = null;
      current = false;
    },
  };
}
