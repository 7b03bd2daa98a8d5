import type { Dexie, Table } from 'dexie';
import type { RxCollection } from 'rxdb';
import { from, startWith, switchMap, type Observable } from 'rxjs';
import type { QueueSegment } from '../../../shared/renewals/queue';
import type { Renewal } from '../../../shared/schema/renewal';
import {
  deleteFeedCache,
  feedFollower,
  openFeedCache,
  readFeed,
  type CachedDatabase,
  type FeedDoc,
  type Mark,
} from './feed-cache';

/**
 * A bin: how many renewals of one status (and one service type, or one assignee) are due on
 * one day. `k` is `dim␁status␁value␁day`, dim `a` (all renewals; value empty), `t` (value: the
 * service type) or `p` (the assignee), so a due-date range of one is a key range.
 */
type Bin = { k: string; n: number };
/** The bins a renewal is counted in (its keys), as the index last saw it. */
type Seen = { id: string; k: string[] };
type CountDb = Dexie & {
  bins: Table<Bin, string>;
  seen: Table<Seen, string>;
  marks: Table<Mark, string>;
};

const SEP = '\u0001';
const FEED = 'renewals';
/** The mark of a build that read the whole feed once. */
const BUILT = 'renewals:built';

function keysOf(renewal: FeedDoc): string[] {
  if (renewal._deleted) return [];
  const { status, serviceType, assigneeId, dueDate } = renewal as unknown as Renewal;
  const keys = [['a', status, '', dueDate].join(SEP)];
  if (serviceType) keys.push(['t', status, serviceType, dueDate].join(SEP));
  if (assigneeId) keys.push(['p', status, assigneeId, dueDate].join(SEP));
  return keys;
}

type DueRange = { $lt?: string; $lte?: string; $gt?: string; $gte?: string };
type KeyRange = { lower: string; upper: string; withLower: boolean; withUpper: boolean };

/**
 * The key range of the bins that hold `segment`'s renewals, or null when the bins cannot count
 * it (a segment filtered by both service type and assignee, or by anything else).
 */
export function binRange(segment: QueueSegment): KeyRange | null {
  const { status, serviceType, assigneeId, dueDate, ...rest } = segment.selector as Record<
    string,
    unknown
  >;
  if (Object.keys(rest).length > 0 || typeof status !== 'string') return null;
  if (serviceType !== undefined && assigneeId !== undefined) return null;
  let prefix: string;
  if (typeof serviceType === 'string') prefix = ['t', status, serviceType, ''].join(SEP);
  else if (typeof assigneeId === 'string') prefix = ['p', status, assigneeId, ''].join(SEP);
  else if (serviceType === undefined && assigneeId === undefined)
    prefix = ['a', status, '', ''].join(SEP);
  else return null;
  const due = (dueDate ?? {}) as DueRange;
  if (typeof due !== 'object' || due === null) return null;
  const known = new Set(['$lt', '$lte', '$gt', '$gte']);
  if (Object.keys(due).some((op) => !known.has(op))) return null;
  // Both bounds of a side may be given (a jump's `$lt` over a window's `$lte`): the tighter
  // one holds, and of two on the same day the one that leaves it out.
  const lower = tighter(due.$gte, due.$gt, 1);
  const upper = tighter(due.$lte, due.$lt, -1);
  return {
    lower: prefix + (lower?.day ?? ''),
    upper: prefix + (upper?.day ?? '\uffff'),
    withLower: lower?.inclusive ?? true,
    withUpper: upper?.inclusive ?? true,
  };
}

/** Of an inclusive and an exclusive bound, the tighter: the later (`way` 1) or earlier (-1). */
function tighter(inclusive: string | undefined, exclusive: string | undefined, way: 1 | -1) {
  if (inclusive === undefined)
    return exclusive === undefined ? undefined : { day: exclusive, inclusive: false };
  if (exclusive === undefined) return { day: inclusive, inclusive: true };
  const inclusiveIsTighter = way === 1 ? inclusive > exclusive : inclusive < exclusive;
  return inclusiveIsTighter
    ? { day: inclusive, inclusive: true }
    : { day: exclusive, inclusive: false };
}

/**
 * The queue's count index (issue #12): how many renewals of each status are due on each day,
 * in all and per service type and per assignee, kept in a device-local IndexedDB database beside
 * the RxDB one (never replicated). A bucket's count is then a sum over the days of its range, a
 * few hundred small records, instead of a count of every renewal in it (the "later" bucket at
 * 100k is 70,000 index entries, over a second). It follows RxDB's change feed as the name index
 * does (feed-cache.ts), so every write counts, whoever made it: the jobs, the user, another
 * tab, the sync. Each renewal's bins are kept beside them (`seen`) and a step of the feed moves
 * renewals between bins in one transaction that reads them too, so two tabs following the same
 * feed never count a change twice, and reading a change again (the feed's margin) changes
 * nothing. A cache: deleting it loses nothing, and the first follow on a device builds it.
 */
export function createCountIndex(collection: RxCollection<Renewal>) {
  const database = collection.database as unknown as CachedDatabase;
  let opened: Promise<CountDb>;
  const idb = () =>
    (opened ??= openFeedCache<CountDb>(countIndexName(database.name), database, {
      bins: 'k',
      seen: 'id',
    }));

  let built = false;
  async function catchUpOnce(): Promise<number> {
    const db = await idb();
    const changed = await readFeed(
      collection as never,
      (await db.marks.get(FEED))?.checkpoint,
      (docs, kept) =>
        db.transaction('rw', db.bins, db.seen, db.marks, async () => {
          const ids = docs.map((d) => d.id);
          const before = await db.seen.bulkGet(ids);
          const delta = new Map<string, number>();
          const seen: Seen[] = [];
          const gone: string[] = [];
          docs.forEach((doc, i) => {
            const was = before[i]?.k ?? [];
            const is = keysOf(doc);
            if (was.length === is.length && was.every((k, j) => k === is[j])) return;
            for (const k of was) delta.set(k, (delta.get(k) ?? 0) - 1);
            for (const k of is) delta.set(k, (delta.get(k) ?? 0) + 1);
            if (is.length > 0) seen.push({ id: doc.id, k: is });
            else if (was.length > 0) gone.push(doc.id);
          });
          const keys = [...delta].filter(([, n]) => n !== 0).map(([k]) => k);
          if (keys.length > 0) {
            const bins = await db.bins.bulkGet(keys);
            const put: Bin[] = [];
            const emptied: string[] = [];
            keys.forEach((k, i) => {
              const n = (bins[i]?.n ?? 0) + delta.get(k)!;
              if (n > 0) put.push({ k, n });
              else emptied.push(k);
            });
            if (put.length > 0) await db.bins.bulkPut(put);
            if (emptied.length > 0) await db.bins.bulkDelete(emptied);
          }
          if (seen.length > 0) await db.seen.bulkPut(seen);
          if (gone.length > 0) await db.seen.bulkDelete(gone);
          if (kept) await db.marks.put({ feed: FEED, checkpoint: kept });
        }),
    );
    // Read to the end of the feed: every renewal is counted. A build stopped halfway (the page
    // closed) resumes from its checkpoint, and is not counted from until it gets here.
    if (!(await wasBuilt())) await db.marks.put({ feed: BUILT });
    return changed;
  }

  const feed = feedFollower(collection.$, catchUpOnce);
  const follow = () => feed.follow(reportFailure);

  /** Whether the index was built once on this device (its feed read to the end once). */
  async function wasBuilt(): Promise<boolean> {
    if (built) return true;
    const db = await idb();
    return (built = (await db.marks.get(BUILT)) !== undefined);
  }

  /**
   * Each segment's count from the bins as they stand, in one read transaction; each range is
   * one getAll (a cursor's step per bin would be hundreds of round trips for a long range).
   */
  async function countNow(ranges: readonly KeyRange[]): Promise<number[]> {
    const db = await idb();
    return db.transaction('r', db.bins, () =>
      Promise.all(
        ranges.map(async (r) => {
          if (r.lower > r.upper) return 0;
          const bins = await db.bins
            .where('k')
            .between(r.lower, r.upper, r.withLower, r.withUpper)
            .toArray();
          return bins.reduce((n, bin) => n + bin.n, 0);
        }),
      ),
    );
  }

  async function countCurrent(segments: readonly QueueSegment[]): Promise<number[]> {
    await feed.caughtUp();
    return countNow(segments.map((s) => binRange(s)!));
  }

  return {
    /** Keeps the index current while the app runs, building it now if it never was. */
    follow,
    stop: feed.stop,
    /** Whether the index can count every one of `segments` now (built, and bins that hold them). */
    async counts(segments: readonly QueueSegment[]): Promise<boolean> {
      return segments.every((s) => binRange(s) !== null) && (await wasBuilt());
    },
    /**
     * Each segment's count (the segments counts() accepted), up to every change made before the
     * call, and again after every change.
     */
    watch(segments: readonly QueueSegment[]): Observable<number[]> {
      follow();
      return feed.updated.pipe(
        startWith(undefined),
        switchMap(() => from(countCurrent(segments))),
      );
    },
    /** Each segment's count (the segments counts() accepted), up to every change made before. */
    count(segments: readonly QueueSegment[]): Promise<number[]> {
      follow();
      return countCurrent(segments);
    },
    /** Brings the index up to the feed (tests; the app follows). */
    catchUp: feed.catchUp,
  };
}

function reportFailure(error: unknown) {
  console.warn('NoLapse could not bring the queue counts up to date:', error);
}

export type CountIndex = ReturnType<typeof createCountIndex>;

const countIndexName = (databaseName: string) => `${databaseName}-count-index`;

/** Deletes `database`'s count index, as removing the device's data must. */
export async function deleteCountIndex(database: CachedDatabase): Promise<void> {
  await deleteFeedCache(countIndexName(database.name), database);
}
