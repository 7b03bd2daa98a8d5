import type { Dexie, Table } from 'dexie';
import type { RxCollection } from 'rxdb';
import { from, merge, startWith, switchMap, type Observable } from 'rxjs';
import { nameWords, searchWords, wordsMatch } from '../../../shared/renewals/queue-search';
import {
  deleteFeedCache,
  feedFollower,
  openFeedCache,
  readFeed,
  type CachedDatabase,
  type Mark,
} from './feed-cache';

/** A customer or worker as the search knows them: the name shown and its folded words. */
type Person = { id: string; name: string; words: string[] };
type NameDb = Dexie & { people: Table<Person, string>; marks: Table<Mark, string> };

const FEEDS = { customers: 'name', workers: 'fullName' } as const;
type Feed = keyof typeof FEEDS;

/**
 * The people a search finds (`ids`), how many people the index holds (`of`), and their names,
 * read for the ids asked (the rows on screen), not for every one found.
 */
export type Found = {
  ids: ReadonlySet<string>;
  of: number;
  names(ids: Iterable<string>): Promise<Map<string, string>>;
};

/**
 * The queue search's own index of names (issue #12): a device-local IndexedDB database beside
 * the RxDB one, never replicated, holding each customer's and worker's folded name words in a
 * multi-entry index, so a search reads the people it finds by a key range instead of every
 * customer. It follows RxDB's change feed (the `_meta.lwt` index replication reads), from a
 * checkpoint it keeps: the first use on a device reads every name once, later ones only what
 * changed since; while the app runs, every change to a customer or worker (this tab, another
 * tab, the sync) brings it up to date. It is a cache of names: deleting it loses nothing, and a
 * database of another storage (a fresh install, a reset) starts it again from empty.
 */
export function createNameIndex(database: CachedDatabase) {
  let opened: Promise<NameDb>;
  const idb = () =>
    (opened ??= openFeedCache<NameDb>(nameIndexName(database.name), database, {
      people: 'id, *words',
    }));
  const collections = database.collections as Record<Feed, RxCollection>;

  /** Applies what changed in one collection since its checkpoint; returns how many records. */
  async function catchUpFeed(feed: Feed): Promise<number> {
    const db = await idb();
    const field = FEEDS[feed];
    return readFeed(collections[feed], (await db.marks.get(feed))?.checkpoint, (docs, kept) =>
      db.transaction('rw', db.people, db.marks, async () => {
        const gone = docs.filter((d) => d._deleted).map((d) => d.id);
        const named = docs.filter((d) => !d._deleted);
        if (gone.length > 0) await db.people.bulkDelete(gone);
        if (named.length > 0)
          await db.people.bulkPut(
            named.map((d) => {
              const name = String(d[field] ?? '');
              return { id: d.id, name, words: nameWords(name) };
            }),
          );
        if (kept) await db.marks.put({ feed, checkpoint: kept });
      }),
    );
  }

  /** People in the index, counted again after a catch-up that changed it. */
  let counted: Promise<number> | null = null;
  const feeds = feedFollower(merge(collections.customers.$, collections.workers.$), async () => {
    const changed = (await catchUpFeed('customers')) + (await catchUpFeed('workers'));
    if (changed > 0) counted = null;
    // Both feeds read to the end: every person is indexed. A build stopped halfway (the page
    // closed) resumes from its checkpoints, and is not answered from until it gets here.
    if (!(await wasBuilt())) await (await idb()).marks.put({ feed: BUILT });
    return changed;
  });

  /**
   * The customers and workers a search finds (shared/renewals/queue-search.ts), id → name, and
   * how many people the index holds, from the index up to every change made before the call.
   */
  async function find(search: string): Promise<Found> {
    await feeds.caughtUp();
    return lookUp(search);
  }

  /**
   * find() from the index as it stands: the range of the search's word with the fewest entries
   * (its keys alone for a one-word search, every name in it matches).
   */
  async function lookUp(search: string): Promise<Found> {
    const wanted = searchWords(search);
    const db = await idb();
    const of = await (counted ??= db.people.count());
    const known = new Map<string, string>();
    const names = async (ids: Iterable<string>) => {
      const missing = [...new Set(ids)].filter((id) => !known.has(id));
      if (missing.length > 0) {
        const people = await db.people.bulkGet(missing);
        people.forEach((p, i) => known.set(missing[i]!, p?.name ?? 'Unknown customer'));
      }
      return known;
    };
    if (wanted.length === 0) return { ids: new Set(), of, names };
    if (wanted.length === 1) {
      const ids = await db.people.where('words').startsWith(wanted[0]!).primaryKeys();
      return { ids: new Set(ids), of, names };
    }
    const sizes = await Promise.all(
      wanted.map((word) => db.people.where('words').startsWith(word).count()),
    );
    const narrowest = wanted[sizes.indexOf(Math.min(...sizes))]!;
    const ids = new Set<string>();
    for (const person of await db.people.where('words').startsWith(narrowest).toArray()) {
      if (!wordsMatch(person.words, wanted)) continue;
      ids.add(person.id);
      known.set(person.id, person.name);
    }
    return { ids, of, names };
  }

  let built = false;
  /** Whether the index was built once on this device (both feeds read to the end once). */
  async function wasBuilt(): Promise<boolean> {
    if (built) return true;
    const db = await idb();
    return (built = (await db.marks.get(BUILT)) !== undefined);
  }

  /**
   * Keeps the index current while the app runs (every customer and worker change starts a
   * catch-up), starting with one now. Idempotent.
   */
  function follow(): void {
    if (feeds.following()) return;
    feeds.follow(reportFailure);
    // The count a search weighs its matches by, ready before the first search.
    void idb()
      .then((db) => (counted ??= db.people.count()))
      .catch(reportFailure);
  }

  return {
    follow,
    /** Stops following the changes (the database is closing). */
    stop: feeds.stop,
    find,
    /**
     * What the index finds for `search` now, and again whenever a catch-up changes it (a name
     * changed in this tab, another tab or the sync). Once the index was built on this device, the
     * first answer does not wait for a catch-up (the start-up's writes can hold the customers'
     * store for seconds at 100k); a change it brings follows as the next answer.
     */
    watch(search: string): Observable<Found> {
      follow();
      return feeds.updated.pipe(
        startWith(undefined),
        switchMap(() => from(wasBuilt().then((yes) => (yes ? lookUp(search) : find(search))))),
      );
    },
  };
}

function reportFailure(error: unknown) {
  console.warn('NoLapse could not bring the name search up to date:', error);
}

export type NameIndex = ReturnType<typeof createNameIndex>;

/** The IndexedDB database of `databaseName`'s name index. */
/** The mark of a build that read every feed to the end once. */
const BUILT = 'built';

const nameIndexName = (databaseName: string) => `${databaseName}-name-index`;

/**
 * Deletes `database`'s name index (its people's names), as removing the device's data must; an
 * index still open in this page closes for it (Dexie closes on versionchange).
 */
export async function deleteNameIndex(database: CachedDatabase): Promise<void> {
  await deleteFeedCache(nameIndexName(database.name), database);
}
